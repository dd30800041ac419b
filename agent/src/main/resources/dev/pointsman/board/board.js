// The release board: renders /api/board and follows /api/events (server-sent events). Every value from
// Git or AWS goes into the page as text (textContent), never as HTML. No build step, no dependency.

const TOKEN_KEY = "pointsman.controlToken";
const STATE_LABEL = {
  in_sync: "in sync", drift: "drift", rolling: "rolling", held: "held", failed: "failed", pending: "pending",
};

let board = null;
let events = null;

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "class") node.className = v;
    else if (k === "text") node.textContent = v;
    else node.setAttribute(k, String(v));
  }
  for (const c of children) if (c) node.append(c);
  return node;
}

/** A link only to http(s) URLs; anything else is shown as text. */
function link(url, text) {
  if (typeof url === "string" && /^https?:\/\//.test(url)) return el("a", { href: url, rel: "noopener noreferrer", text });
  return el("span", { text });
}

function when(iso) {
  if (!iso) return "";
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString();
}

function token() {
  return sessionStorage.getItem(TOKEN_KEY);
}

function renderHeader(b) {
  const live = document.getElementById("live-commit");
  live.replaceChildren();
  if (b.liveCommit) {
    live.append("live commit ", link(b.liveCommit.url, b.liveCommit.short), " ", el("span", { text: b.liveCommit.subject }));
  } else {
    live.append("no commit applied yet");
  }
  document.getElementById("updated").textContent = "updated " + new Date().toLocaleTimeString();
  const unlocked = Boolean(token());
  document.getElementById("unlock").hidden = !b.controls || unlocked;
  document.getElementById("unlocked").hidden = !b.controls || !unlocked;
}

function renderProblems(b) {
  const section = document.getElementById("problems");
  section.replaceChildren();
  const items = [];
  for (const p of b.problems || []) items.push(el("li", { text: p.key + ": " + p.message }));
  if ((b.rejectedCommit || []).length) {
    const errors = el("ul");
    for (const e of b.rejectedCommit) errors.append(el("li", { text: e }));
    items.push(el("li", { text: "The newest commit was rejected; the last good commit stays live:" }, errors));
  }
  section.hidden = items.length === 0;
  if (items.length) section.append(el("h2", { text: "Open problems" }), el("ul", {}, ...items));
}

function cellNode(env, cell) {
  const node = el("div", {
    class: "cell" + (cell.differsFrom ? " differs-from-previous" : ""),
    "data-resource": cell.resource,
    "data-state": cell.state,
    "data-env": env,
    tabindex: 0,
  });
  node.append(el("div", { class: "head" },
    el("span", { class: "live", text: cell.live }), el("span", { class: "state", text: STATE_LABEL[cell.state] || cell.state })));
  const details = [];
  if (cell.state === "drift") {
    for (const d of cell.differences || []) details.push(d.field + ": live " + d.live + ", Git " + d.git);
  }
  if (cell.rollout) {
    const r = cell.rollout;
    let text = "step " + (r.step || "?") + " of " + r.steps + " at " + r.weight;
    if (r.status && r.status !== "rolling") text += " (" + r.status + (r.reason ? ": " + r.reason : "") + ")";
    if (r.nextStepAt) text += ", next step " + when(r.nextStepAt);
    if ((r.alarming || []).length) text += ", alarming: " + r.alarming.join(", ");
    details.push(text);
  }
  if (cell.detail && cell.state !== "in_sync") details.push(cell.detail);
  for (const d of details) node.append(el("div", { class: "detail", text: d }));
  if (cell.who) node.append(el("div", { class: "who", text: "who: " + cell.who }));
  if (cell.differsFrom) node.append(el("div", { class: "differs", text: "≠ " + cell.differsFrom }));
  if (cell.rollout && board && board.controls && token()) node.append(controls(cell));
  const label = [env, cell.resource, STATE_LABEL[cell.state] || cell.state, cell.live, ...details].join(", ");
  node.setAttribute("aria-label", label);
  return node;
}

function controls(cell) {
  const box = el("div", { class: "controls" });
  const result = el("span", { class: "result", role: "status" });
  for (const action of ["pause", "resume", "abort"]) {
    const button = el("button", { type: "button", text: action, "data-action": action });
    button.addEventListener("click", () => control(cell, action, result));
    box.append(button);
  }
  box.append(result);
  return box;
}

async function control(cell, action, result) {
  if (action === "abort" && !confirm("Abort the rollout of " + cell.resource + "? Traffic goes back at once.")) return;
  const id = cell.id;
  const path = "/api/rollouts/" + [id.environment, id.kind, ...id.name.split("/")].map(encodeURIComponent).join("/") + "/" + action;
  try {
    const response = await fetch(path, { method: "POST", headers: { Authorization: "Bearer " + token() } });
    const text = await response.text();
    result.textContent = response.ok ? action + ": accepted" : action + " refused (" + response.status + "): " + text;
    if (response.status === 401) {
      sessionStorage.removeItem(TOKEN_KEY);
      if (board) render(board);
    }
  } catch (e) {
    result.textContent = action + " failed: " + e.message;
  }
}

function renderBoard(b) {
  const root = document.getElementById("board");
  const focused = document.activeElement && document.activeElement.getAttribute("data-resource");
  root.replaceChildren();
  const envs = b.environments || [];
  if (!(b.groups || []).length) {
    root.append(el("p", { class: "empty", text: "No pointers yet: the agent has not applied a commit." }));
    return;
  }
  // One table: environments are columns (with the last commit that changed each), groups are row blocks.
  const table = el("table", { class: "board" });
  const head = el("tr", {}, el("th", { class: "pointer", scope: "col", text: "pointer" }));
  for (const env of envs) {
    const th = el("th", { scope: "col" }, el("span", { class: "env", text: env.name }));
    if (env.lastApplied) {
      const c = env.lastApplied;
      th.append(el("span", { class: "commit" }, link(c.url, c.short), " " + c.subject + " — " + c.author));
    }
    head.append(th);
  }
  table.append(el("thead", {}, head));
  for (const group of b.groups) {
    const body = el("tbody", { class: "group" });
    body.append(el("tr", { class: "group-title" }, el("th", { scope: "rowgroup", colspan: envs.length + 1, text: group.name })));
    for (const row of group.rows) {
      const tr = el("tr", {}, el("th", { class: "pointer-cell", scope: "row" },
        el("div", { class: "pointer-name", text: row.name }), el("div", { class: "pointer-kind", text: row.kind })));
      for (const env of envs) {
        const cell = row.cells[env.name];
        tr.append(el("td", {}, cell ? cellNode(env.name, cell) : el("span", { class: "empty", text: "—" })));
      }
      body.append(tr);
    }
    table.append(body);
  }
  root.append(el("div", { class: "scroll" }, table));
  if (focused) {
    const again = root.querySelector('[data-resource="' + CSS.escape(focused) + '"]');
    if (again) again.focus();
  }
}

function renderHistory(b) {
  const list = document.getElementById("history");
  list.replaceChildren();
  if (!(b.history || []).length) list.append(el("li", { class: "empty", text: "No commit has changed anything yet." }));
  for (const h of b.history || []) {
    const changes = el("ul");
    for (const c of h.changes) changes.append(el("li", { text: c.environment + " " + c.kind + " " + c.name + ": " + c.summary }));
    list.append(el("li", {},
      link(h.url, h.short), " ", el("span", { text: h.subject }), " ",
      el("span", { class: "when", text: "— " + h.author + ", " + when(h.at) }), changes));
  }
}

function render(b) {
  board = b;
  renderHeader(b);
  renderProblems(b);
  renderBoard(b);
  renderHistory(b);
}

function connection(state, text) {
  const c = document.getElementById("connection");
  c.className = "connection " + state;
  c.textContent = text;
}

function follow() {
  if (events) events.close();
  events = new EventSource("/api/events");
  events.addEventListener("open", () => connection("live", "live"));
  events.addEventListener("board", (e) => {
    connection("live", "live");
    render(JSON.parse(e.data));
  });
  events.addEventListener("error", () => {
    connection("down", "reconnecting…");
    // The browser retries by itself unless the server answered with an error: then start again.
    if (events.readyState === EventSource.CLOSED) setTimeout(follow, 1000);
  });
}

document.getElementById("unlock").addEventListener("submit", (e) => {
  e.preventDefault();
  const input = document.getElementById("token");
  if (input.value) sessionStorage.setItem(TOKEN_KEY, input.value);
  input.value = "";
  if (board) render(board);
});
document.getElementById("lock").addEventListener("click", () => {
  sessionStorage.removeItem(TOKEN_KEY);
  if (board) render(board);
});

fetch("/api/board").then((r) => r.json()).then(render).catch(() => connection("down", "cannot reach the agent"));
follow();
