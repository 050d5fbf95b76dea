export const literaryCss = `
:root { color: #333; }
`
