// Python in a worker, so the page stays responsive while Pyodide starts and xlsrc runs.
// Everything is loaded from this site's own origin: the Pyodide files under pyodide/ and the
// wheels listed in site.json, unpacked without micropip or any package index.
import { loadPyodide } from "./pyodide/pyodide.mjs";

const WORK = "/xlsrc";
let pyodide = null;
let manifest = null;
let page = null;
let hosts = null; // xlsrc.web.hosts, with xlwings, unpacked on the first book an add-in sends
let current = null; // path of the clerk's workbook in the in-memory file system

function progress(value, text) {
  postMessage({ type: "progress", value, text });
}

async function fetchOk(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response;
}

async function start() {
  const started = performance.now();
  progress(5, "正在下载计算程序……");
  manifest = await (await fetchOk("site.json")).json();
  pyodide = await loadPyodide({
    indexURL: new URL("pyodide/", self.location.href).href,
    stdout: (line) => console.log(line),
    stderr: (line) => console.error(line),
  });
  progress(60, "正在安装 xlsrc……");
  const wheels = manifest.wheels;
  for (let i = 0; i < wheels.length; i++) {
    const bytes = await (await fetchOk(`wheels/${wheels[i]}`)).arrayBuffer();
    pyodide.unpackArchive(bytes, "wheel");
    progress(60 + Math.round((30 * (i + 1)) / wheels.length), "正在安装 xlsrc……");
  }
  page = pyodide.pyimport("xlsrc.web.page");
  pyodide.FS.mkdirTree(WORK);
  progress(100, "已就绪");
  postMessage({ type: "ready", seconds: (performance.now() - started) / 1000, versions: manifest });
}

function safeName(name) {
  const base = String(name).split(/[\\/]/).pop().replace(/[\u0000-\u001f]/g, "");
  return base && base !== "." && base !== ".." ? base : "workbook.xlsx";
}

function clearWork() {
  const FS = pyodide.FS;
  const remove = (path) => {
    for (const entry of FS.readdir(path)) {
      if (entry === "." || entry === "..") continue;
      const full = `${path}/${entry}`;
      if (FS.isDir(FS.stat(full).mode)) {
        remove(full);
        FS.rmdir(full);
      } else {
        FS.unlink(full);
      }
    }
  };
  remove(WORK);
}

async function hostsModule() {
  // The in-app hosts' Python: xlwings' remote engine builds the book the add-in sent.
  if (!hosts) {
    for (const wheel of manifest.hosts || []) {
      pyodide.unpackArchive(await (await fetchOk(`wheels/${wheel}`)).arrayBuffer(), "wheel");
    }
    hosts = pyodide.pyimport("xlsrc.web.hosts");
  }
  return hosts;
}

function call(fn, ...args) {
  return JSON.parse(fn(...args));
}

function attach(answer) {
  // The file an answer names goes back to the page as bytes, for its download link.
  if (!answer.file) return [answer, []];
  const bytes = pyodide.FS.readFile(answer.file);
  const name = answer.file.split("/").pop();
  answer.download = { name, bytes };
  return [answer, [bytes.buffer]];
}

async function handle(message) {
  const { id, op } = message;
  const started = performance.now();
  let answer;
  let transfer = [];
  if (op === "open") {
    clearWork();
    const path = `${WORK}/${safeName(message.name)}`;
    pyodide.FS.writeFile(path, new Uint8Array(message.bytes));
    answer = call(page.open_json, path);
    current = answer.ok ? path : null;
  } else if (op === "book") {
    answer = call((await hostsModule()).run_json, message.action, JSON.stringify(message.payload));
  } else if (op === "run") {
    [answer, transfer] = attach(call(page.run_json, message.action, current || "", !!message.force));
  }
  answer.seconds = (performance.now() - started) / 1000;
  postMessage({ type: "answer", id, answer }, transfer);
}

let ready = start().catch((error) => {
  console.error(error);
  postMessage({ type: "failed", text: String(error && error.message ? error.message : error) });
  throw error;
});

self.onmessage = async (event) => {
  try {
    await ready;
    await handle(event.data);
  } catch (error) {
    console.error(error);
    postMessage({
      type: "answer",
      id: event.data.id,
      answer: { ok: false, error: `网页内部出错，操作未完成（${error && error.message ? error.message : error}）。` },
    });
  }
};
