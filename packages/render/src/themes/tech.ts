export const techCss = `
:root { color: #333; }
`
