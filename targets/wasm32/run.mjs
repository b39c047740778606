// run.mjs <image.wasm>: instantiate a bare wasm32 program with NO imports, call run(),
// print what it wrote (targets/wasm32/port.c) and exit with its status.
// A trap exits with the code given to bare_port_exit, or with 1 for any other trap.
import { readFile } from 'node:fs/promises';

const path = process.argv[2];
if (!path) {
    console.error('usage: run.mjs <image.wasm>');
    process.exit(2);
}

let instance;
try {
    ({ instance } = await WebAssembly.instantiate(await readFile(path), {}));
} catch (err) {
    console.error(`bare: cannot instantiate ${path}: ${err.message}`);
    process.exit(1);
}
const ex = instance.exports;

let status = 1;
let failure = null;
try {
    status = ex.run();
} catch (err) {
    failure = err; // a RuntimeError (trap) or a RangeError (host stack exhausted)
}

const data = ex.bare_output_data() >>> 0;
const size = ex.bare_output_size() >>> 0;
process.stdout.write(Buffer.from(ex.memory.buffer, data, size));
const dropped = ex.bare_output_dropped() >>> 0;
if (dropped) {
    process.stdout.write(`\nbare: ${dropped} bytes of output dropped (buffer full)\n`);
}

if (failure) {
    const code = ex.bare_exit_code();
    if (code >= 0) {
        status = code; // bare_port_exit
    } else {
        process.stdout.write(`\nbare: trap: ${failure.message}\n`);
        status = 1;
    }
}
process.exitCode = status; // not process.exit(): let stdout drain
