// exercise.mjs: what both front ends do with the example module (main.cpp): node
// (demo.mjs) and the web page (page.mjs). It takes the module's exports and returns
//   { summary: [text lines], output: what main() wrote, code: main()'s status }.
// The module imports nothing; its output is a buffer in its memory (targets/wasm32/port.cpp).
export function exercise(exports) {
  const m = exports;
  const status = [0, 0, 0];  // by stats_add's result: ok, out of memory, overflow
  for (let i = 0; i < 5000; ++i) status[m.stats_add((i * 31) % 97)]++;
  const summary = [
    `added ${status[0]}, out of memory ${status[1]}, count ${m.stats_count()}, median ${m.stats_median()}`,
  ];
  m.stats_reset();
  summary.push(`after reset count ${m.stats_count()}`);
  // main() through the target runtime's run(), then what it wrote.
  const code = m.run();
  const bytes = new Uint8Array(m.memory.buffer, m.bare_output_data() >>> 0, m.bare_output_size() >>> 0);
  return { summary, output: new TextDecoder().decode(bytes), code };
}
