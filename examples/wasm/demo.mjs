// Loads the example module (it imports nothing) and uses its exports from JavaScript.
import { readFile } from 'node:fs/promises';

const { instance } = await WebAssembly.instantiate(await readFile(process.argv[2]), {});
const m = instance.exports;
let status = [0, 0, 0];
for (let i = 0; i < 5000; ++i) status[m.stats_add((i * 31) % 97)]++;
console.log(`wasm (from JS): added ${status[0]}, out of memory ${status[1]}, ` +
            `count ${m.stats_count()}, median ${m.stats_median()}`);
m.stats_reset();
console.log(`wasm (from JS): after reset count ${m.stats_count()}`);
// main() through the target runtime's run(), which also prints what the module wrote.
const code = m.run();
const out = Buffer.from(m.memory.buffer, m.bare_output_data() >>> 0, m.bare_output_size() >>> 0);
process.stdout.write(out.toString());
process.exitCode = code;
