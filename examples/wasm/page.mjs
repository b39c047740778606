// page.mjs: the web page's script (index.html). Fetches the module from beside the page,
// instantiates it (no imports), runs exercise.mjs on it and writes the result into the page:
// #result gets one line and data-status "ok" or "failed", #output what main() printed.
// tools/demo.sh loads the page in headless Chromium and reads #result off the DOM
// (browser_test.py).
import { exercise } from './exercise.mjs';

const result = document.getElementById('result');
const output = document.getElementById('output');
try {
  const response = await fetch('wasm_example.wasm');
  if (!response.ok) throw new Error(`fetching wasm_example.wasm: HTTP ${response.status}`);
  const { instance } = await WebAssembly.instantiate(await response.arrayBuffer(), {});
  const r = exercise(instance.exports);
  output.textContent = r.output;
  result.textContent = `wasm (in the browser): ${r.summary.join('; ')}; main() returned ${r.code}`;
  result.dataset.status = r.code === 0 ? 'ok' : 'failed';
} catch (err) {
  result.textContent = `wasm (in the browser): ${err}`;
  result.dataset.status = 'failed';
}
