import sharp from 'sharp'
const [file, out, step = '1400'] = process.argv.slice(2)
const { width, height } = await sharp(file).metadata()
console.log(file, width, height)
for (let top = 0, i = 0; top < height; top += Number(step), i++) {
  const h = Math.min(Number(step), height - top)
  await sharp(file).extract({ left: 0, top, width, height: h }).resize({ width: Math.round(width / 1.5) }).toFile(`${out}-${i}.png`)
}
