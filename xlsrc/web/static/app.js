// The page: choose a workbook, press the four buttons, show what xlsrc answers, offer the files.
// Python runs in worker.js; this script only talks to it and draws the answers.
"use strict";

const $ = (selector) => document.querySelector(selector);
const NO_SERVER = "请通过网址打开本页面（由网站服务器提供）；直接双击 index.html 无法使用。";
const worker = createWorker();
const buttons = [...document.querySelectorAll("#actions button")];
const pending = new Map();
let nextId = 1;
let ready = false;
let opened = false;
let busy = false;
const links = [];
let openCount = 0;
let answerCount = 0;

const TYPES = {
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  xlsm: "application/vnd.ms-excel.sheet.macroEnabled.12",
};

function ask(message, transfer = []) {
  const id = nextId++;
  return new Promise((resolve) => {
    pending.set(id, resolve);
    worker.postMessage({ id, ...message }, transfer);
  });
}

function failed(text) {
  $("#progress-text").textContent = text;
  $("#loading").classList.add("failed");
}

function createWorker() {
  try {
    return new Worker("worker.js", { type: "module" });
  } catch (error) {
    failed(location.protocol === "file:" ? NO_SERVER : `无法启动计算程序：${error.message}。`);
    return { postMessage() {} };
  }
}

worker.onmessage = (event) => {
  const data = event.data;
  if (data.type === "progress") {
    $("#progress").value = data.value;
    $("#progress-text").textContent = data.text;
  } else if (data.type === "ready") {
    ready = true;
    document.body.dataset.ready = "true";
    document.body.dataset.readySeconds = data.seconds.toFixed(2);
    $("#loading").hidden = true;
    refresh();
  } else if (data.type === "failed") {
    failed(`无法启动计算程序：${data.text}。请刷新页面重试；仍不行时请联系网站管理员。`);
  } else if (data.type === "answer") {
    const resolve = pending.get(data.id);
    pending.delete(data.id);
    if (resolve) resolve(data.answer);
  }
};

worker.onerror = (event) => {
  failed(
    location.protocol === "file:"
      ? NO_SERVER
      : `无法启动计算程序：${event.message || "浏览器不支持"}。请使用新版 Chrome、Edge、Firefox 或 360 极速浏览器。`,
  );
};

function refresh() {
  for (const button of buttons) button.disabled = !(ready && opened) || busy;
  document.body.dataset.busy = String(busy);
  $("#busy").hidden = !busy;
  $("#force").disabled = busy;
}

function showError(text) {
  const box = $("#error");
  box.textContent = text || "";
  box.hidden = !text;
}

function clearResults() {
  showError("");
  for (const id of ["#result", "#problems", "#report", "#force"]) $(id).hidden = true;
  for (const url of links.splice(0)) URL.revokeObjectURL(url);
  $("#downloads").replaceChildren();
}

async function openFile(file) {
  if (!file) return;
  clearResults();
  opened = false;
  busy = true;
  refresh();
  const bytes = await file.arrayBuffer();
  const answer = await ask({ op: "open", name: file.name, bytes }, [bytes]);
  busy = false;
  document.body.dataset.opened = String(++openCount);
  const line = $("#opened");
  if (answer.ok) {
    opened = true;
    const who = [answer.year && `${answer.year}年`, answer.unit].filter(Boolean).join(" ");
    line.textContent = `已选择：${answer.name}${who ? `（${who}）` : ""}`;
    line.hidden = false;
  } else {
    line.hidden = true;
    showError(answer.error);
  }
  refresh();
}

function offer(download, label) {
  const suffix = download.name.split(".").pop().toLowerCase();
  const blob = new Blob([download.bytes], { type: TYPES[suffix] || "application/octet-stream" });
  const url = URL.createObjectURL(blob);
  links.push(url);
  const a = document.createElement("a");
  a.href = url;
  a.download = download.name;
  a.className = "download";
  a.dataset.kind = label === "定稿" ? "finished" : "workbook";
  a.textContent = `下载${label}：${download.name}`;
  $("#downloads").append(a);
}

function showProblems(problems) {
  const body = $("#problems tbody");
  body.replaceChildren();
  for (const p of problems) {
    const row = document.createElement("tr");
    row.className = p.severity === "错误" ? "error" : "warning";
    for (const value of [p.number, p.severity, p.sheet, p.cell, p.message]) {
      const cell = document.createElement("td");
      cell.textContent = String(value);
      row.append(cell);
    }
    body.append(row);
  }
  $("#problems").hidden = false;
}

function showProjects(projects) {
  const body = $("#projects tbody");
  body.replaceChildren();
  for (const p of projects) {
    const row = document.createElement("tr");
    row.title = `工作表：${p.sheet}`;
    for (const value of [p.name, p.total ?? "—", p.grade || "—"]) {
      const cell = document.createElement("td");
      cell.textContent = String(value);
      row.append(cell);
    }
    body.append(row);
  }
  $("#projects").hidden = !projects.length;
}

function showReport(sections) {
  const box = $("#sections");
  box.replaceChildren();
  for (const s of sections) {
    const h = document.createElement("h3");
    h.textContent = s.label;
    box.append(h);
    if (!s.text) {
      const p = document.createElement("p");
      p.textContent = "（未填写）";
      p.className = "empty";
      box.append(p);
    }
    for (const line of (s.text || "").split("\n").filter((l) => l.trim())) {
      const p = document.createElement("p");
      p.textContent = line;
      box.append(p);
    }
  }
  $("#report").hidden = false;
}

function show(action, answer) {
  clearResults();
  if (answer.total !== undefined) {
    $("#total").textContent = answer.total ?? "—";
    $("#grade").textContent = answer.grade ?? "—";
    showProjects(answer.projects || []);
    $("#message").textContent = answer.ok ? answer.message : "";
    $("#result").hidden = false;
  }
  if (!answer.ok) showError(answer.error);
  if (answer.refused) {
    $("#force").hidden = false;
    $("#result").hidden = false;
  }
  if (answer.problems && (action === "check" || action === "finalize" || answer.problems.length)) {
    if (answer.problems.length || action === "check") showProblems(answer.problems);
  }
  if (answer.sections) showReport(answer.sections);
  if (answer.download) offer(answer.download, action === "finalize" ? "定稿" : "更新后的工作簿");
  document.body.dataset.last = action;
  document.body.dataset.answers = String(++answerCount);
  document.body.dataset.lastSeconds = answer.seconds.toFixed(3);
}

async function press(action, force = false) {
  if (busy) return;
  busy = true;
  refresh();
  const answer = await ask({ op: "run", action, force });
  busy = false;
  show(action, answer);
  refresh();
}

for (const button of buttons) button.addEventListener("click", () => press(button.dataset.action));
$("#force").addEventListener("click", () => press("finalize", true));
$("#file").addEventListener("change", (event) => {
  const file = event.target.files[0];
  event.target.value = ""; // the same file can be chosen again after it changed on disk
  openFile(file);
});

const drop = $("#drop");
for (const name of ["dragenter", "dragover"]) {
  drop.addEventListener(name, (event) => {
    event.preventDefault();
    drop.classList.add("over");
  });
}
for (const name of ["dragleave", "drop"]) {
  drop.addEventListener(name, () => drop.classList.remove("over"));
}
drop.addEventListener("drop", (event) => {
  event.preventDefault();
  openFile(event.dataTransfer.files[0]);
});
