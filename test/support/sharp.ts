// sharp is a dependency of @mdwx/images only (the one package allowed to import it); tests that
// need real pictures borrow that copy rather than adding a second one to the workspace root.
import sharp from '../../packages/images/node_modules/sharp/dist/index.mjs'

export { sharp }
