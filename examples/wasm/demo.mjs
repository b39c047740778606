// Loads the example module (it imports nothing) in node and uses its exports from JavaScript
// (exercise.mjs, shared with the web page). Usage: node demo.mjs <wasm_example.wasm>
import { readFile } from 'node:fs/promises';
import { exercise } from './exercise.mjs';

const { instance } = await WebAssembly.instantiate(await readFile(process.argv[2]), {});
const { summary, output, code } = exercise(instance.exports);
for (const line of summary) console.log(`wasm (from JS): ${line}`);
process.stdout.write(output);
process.exitCode = code;
