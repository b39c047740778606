// sections.mjs <image.wasm>: print "text=N data=N imports=N" for a WebAssembly module:
// the byte sizes of the Code (id 10) and Data (id 11) sections' payloads and the number of
// entries of the Import section (id 2); then one line "import MODULE.NAME (KIND)" per
// import. Used by tools/targets.sh.
import { readFileSync } from 'node:fs';

const bytes = readFileSync(process.argv[2]);
let pos = 8; // magic "\0asm" + version
if (bytes.readUInt32LE(0) !== 0x6d736100) throw new Error('not a wasm module');

function leb() {
    let result = 0, shift = 0, byte;
    do {
        byte = bytes[pos++];
        result += (byte & 0x7f) * 2 ** shift;
        shift += 7;
    } while (byte & 0x80);
    return result;
}

let text = 0, data = 0, imports = 0;
while (pos < bytes.length) {
    const id = bytes[pos++];
    const size = leb();
    const end = pos + size;
    if (id === 10) text = size;
    if (id === 11) data = size;
    if (id === 2) imports = leb();
    pos = end;
}
console.log(`text=${text} data=${data} imports=${imports}`);
for (const i of WebAssembly.Module.imports(new WebAssembly.Module(bytes))) {
    console.log(`import ${i.module}.${i.name} (${i.kind})`);
}
