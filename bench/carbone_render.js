// Writes the DOCX Carbone renders from TEMPLATE and DATA to OUT, so that the bench can time Kagaz's
// converter, Carbone's converter and bare LibreOffice on Carbone's own document too.
//   NODE_PATH=~/.cache/peers/carbone/node_modules node carbone_render.js TEMPLATE.docx DATA.json OUT.docx
const carbone = require('carbone');
const fs = require('fs');

const [template, dataFile, out] = process.argv.slice(2);
carbone.render(template, JSON.parse(fs.readFileSync(dataFile, 'utf8')), {}, (err, result) => {
  if (err) {
    console.error(String((err && err.stack) || err));
    process.exit(1);
  }
  fs.writeFileSync(out, result);
  process.exit(0);
});
