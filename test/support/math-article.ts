/**
 * A technical article with 30 formulas (inline and displayed, an aligned environment, a matrix,
 * Chinese inside `\text{}`) and 3 Mermaid diagrams, the way a writer of a maths or algorithms
 * post would write it. The second flowchart repeats the first: one picture, uploaded once.
 * `pnpm bench math` times the same article without its diagrams.
 */
const inline = [
  'x', 'n', 'a_i', 'x^2', 'O(n)', 'O(\\log n)', 'f(x)', '\\alpha', '\\beta', '\\pi',
  'e^x', 'n!', 'k', 'b^2', 'x_0', 'p', 'q', 'm', 'y', '\\theta',
]
const display = [
  'E = mc^2',
  '\\frac{a}{b} + \\frac{c}{d}',
  '\\sqrt{a^2 + b^2}',
  '\\sum_{i=1}^{n} i = \\frac{n(n+1)}{2}',
  '\\begin{aligned} f(x) &= (x+1)^2 \\\\ &= x^2 + 2x + 1 \\end{aligned}',
  '\\begin{pmatrix} 1 & 0 \\\\ 0 & 1 \\end{pmatrix}',
  '\\text{面积} = \\pi r^2',
  '\\int_0^1 x\\,dx = \\frac{1}{2}',
  'a^2 + b^2 = c^2',
  '\\lim_{n \\to \\infty} \\frac{1}{n} = 0',
]

export const flowchart = 'flowchart LR\n  A[输入] --> B{排序?}\n  B -->|是| C[二分查找]\n  B -->|否| D[顺序查找]'
export const sequence = 'sequenceDiagram\n  客户端->>服务器: 请求\n  服务器-->>客户端: 响应'
export const formulaCount = inline.length + display.length

/** The article; without `diagrams`, the 30 formulas alone (the math benchmark's article). */
export function mathArticle(options: { diagrams?: boolean } = {}): string {
  const diagrams = options.diagrams ?? true
  const parts = ['---', 'title: 公式与图表', 'author: 测试', '---', '', '# 公式与图表', '']
  inline.forEach((tex, index) => {
    parts.push(`第 ${index + 1} 个行内公式是 $${tex}$，它和文字排在同一行。`, '')
  })
  display.forEach((tex, index) => {
    parts.push(`第 ${index + 1} 个行间公式：`, '', '$$', tex, '$$', '')
    if (diagrams && index === 2) parts.push('```mermaid', flowchart, '```', '')
    if (diagrams && index === 5) parts.push('```mermaid', sequence, '```', '')
  })
  parts.push('价格在 $5 到 $10 之间，这不是公式。', '')
  if (diagrams) parts.push('再看一遍第一张图：', '', '```mermaid', flowchart, '```', '')
  return parts.join('\n')
}
