// Clicks the xlwings Lite script (tests/lite_runtime.py) in real Pyodide under Node: packages installed with
// micropip from local wheel files, files put into /data as Lite's Import/Export does, and no network at all.
//
//   node run_lite.mjs JOB.json
//
// JOB: {pyodide: npm package, wheels: folder, micropip: wheel file, install: [wheel files, in order],
//       data: [files for /data], runtime: lite_runtime.py, main: main.py, payloads: [payload JSON files]}
// Prints one JSON line per payload, then one with the installed packages, the seconds Pyodide took to start and
// the Markdown files the clicks left in /data.
import { readFileSync } from "node:fs";
import { basename, join } from "node:path";

const job = JSON.parse(readFileSync(process.argv[2], "utf8"));
globalThis.fetch = async (url) => {
  throw new Error(`network access at run time: ${url}`);
};

const start = performance.now();
const { loadPyodide } = await import(job.pyodide);
const pyodide = await loadPyodide({ stdout: (line) => process.stderr.write(line + "\n") });
await pyodide.loadPackage(join(job.wheels, job.micropip));
const startup = (performance.now() - start) / 1000;

pyodide.FS.mkdirTree("/wheels");
pyodide.FS.mount(pyodide.FS.filesystems.NODEFS, { root: job.wheels }, "/wheels");
if (job.data.length) pyodide.FS.mkdirTree("/data");
for (const file of job.data) {
  pyodide.FS.writeFile("/data/" + basename(file), readFileSync(file));
}
const micropip = pyodide.pyimport("micropip");
for (const wheel of job.install) {
  await micropip.install("emfs:/wheels/" + wheel);
}

const runtime = pyodide.toPy({ __name__: "lite_runtime" });
pyodide.runPython(readFileSync(job.runtime, "utf8"), { globals: runtime });
const click = runtime.get("click");
const mainPy = readFileSync(job.main, "utf8");
for (const file of job.payloads) {
  const payload = pyodide.toPy(JSON.parse(readFileSync(file, "utf8")));
  try {
    process.stdout.write((await click(mainPy, payload)) + "\n");
  } catch (error) {
    process.stderr.write(`${file}: ${error.message}\n`);  // Python's traceback, not Pyodide's minified source
    process.exit(1);
  }
  payload.destroy();
}
const data = {};
for (const name of job.data.length ? pyodide.FS.readdir("/data") : []) {
  if (name.endsWith(".md")) data[name] = pyodide.FS.readFile("/data/" + name, { encoding: "utf8" });
}
const installed = JSON.parse(pyodide.runPython("import json, micropip; json.dumps(sorted(micropip.list()))"));
const python = pyodide.runPython("import platform; platform.python_version()");
process.stdout.write(JSON.stringify({ installed, startup, python, data }) + "\n");
