// The local gateway's demo page: the browser client, served by the gateway from the repository's client/src,
// connected to this gateway as /@local/client-config describes it, publishing through /@local/publish.
import { RtcClient } from "/@local/client/rtc-client.js";

// The page remembers its user for the tab, so a reload offers the same user and resumes where it left off.
const USER_KEY = "rtc-demo:user";
const LOG_LIMIT = 100;

const $ = (id) => document.getElementById(id);
let client = null;
let subscriptions = [];

const config = await loadConfig();
if (config !== null) {
  describe(config);
  const user = sessionStorage.getItem(USER_KEY);
  if (user !== null) $("user").value = $("targets").value = user;
  $("connect-form").addEventListener("submit", (event) => {
    event.preventDefault();
    connect($("user").value.trim());
  });
  $("disconnect").addEventListener("click", disconnect);
  $("publish-form").addEventListener("submit", (event) => {
    event.preventDefault();
    publish();
  });
  // The gateway sees a clean close rather than a dropped socket.
  addEventListener("pagehide", () => client?.close());
}

async function loadConfig() {
  try {
    const response = await fetch("/@local/client-config");
    if (!response.ok) throw new Error(`it answered ${response.status}`);
    return await response.json();
  } catch (error) {
    log("error", `could not read /@local/client-config: ${error.message}`);
    $("connect").disabled = $("publish").disabled = true;
    return null;
  }
}

function describe({ url, auth, history, heartbeatSeconds, maxConnectionSeconds }) {
  const rows = [
    ["url", url],
    ["auth", auth.mode === "jwt" ? `jwt, token as ${auth.tokenSource === "query" ? "?token=" : "subprotocol"}` : `none, ?${auth.queryParameter}=`],
    ["history", history === undefined ? "not reported" : history.enabled ? `on, kept ${history.seconds} s` : "off"],
    ["heartbeat", `${heartbeatSeconds} s`],
    ["max connection", `${maxConnectionSeconds} s`],
  ];
  $("config").replaceChildren(...rows.flatMap(([name, value]) => [element("dt", name), element("dd", value)]));
  $("auth-note").textContent = auth.mode === "jwt"
    ? "--auth jwt: each connection attempt fetches a development token for this user from /@local/token."
    : "--auth none: the user id goes in the URL and the gateway trusts it.";
}

function connect(user) {
  if (user === "" || client !== null) return;
  sessionStorage.setItem(USER_KEY, user);
  const options = {
    config,
    storage: sessionStorage,
    // One position per user: this page can switch users, whatever the auth mode.
    storageKey: `rtc-demo:position:${config.url}:${user}`,
  };
  if (config.auth.mode === "jwt") options.getToken = () => fetchToken(user);
  else options.userId = user;
  try {
    client = new RtcClient(options);
  } catch (error) {
    log("error", error.message);
    return;
  }
  subscriptions = [
    client.on("state", ({ state }) => {
      $("state").value = state;
      $("state").dataset.state = state;
      log("state", state);
    }),
    client.on("message", showMessage),
    client.on("reset", showReset),
    client.on("error", (error) => log("error", `${error.kind}: ${error.message}`)),
  ];
  client.connect();
  $("user").disabled = $("connect").disabled = true;
  $("disconnect").disabled = false;
}

function disconnect() {
  client?.close();
  for (const unsubscribe of subscriptions) unsubscribe();
  client = null;
  subscriptions = [];
  $("state").value = $("state").dataset.state = "closed";
  log("state", "closed");
  $("user").disabled = $("connect").disabled = false;
  $("disconnect").disabled = true;
}

async function fetchToken(user) {
  const response = await fetch(`/@local/token?user=${encodeURIComponent(user)}`);
  if (!response.ok) throw new Error(`/@local/token answered ${response.status}`);
  return (await response.json()).token;
}

function showMessage({ data, seq }) {
  const item = document.createElement("li");
  if (seq !== null) item.dataset.seq = String(seq);
  item.append(element("span", seq === null ? "–" : `#${seq}`, seq === null ? "seq none" : "seq"), now(), element("code", JSON.stringify(data)));
  append(item);
}

function showReset({ reason }) {
  const item = document.createElement("li");
  item.className = "reset";
  item.dataset.reset = reason;
  item.append(element("span", "reset", "seq"), now(), element("code", `${reason}: messages may have been missed; reload the application's state`));
  append(item);
  log("reset", reason);
}

function append(item) {
  const list = $("messages");
  list.append(item);
  $("empty").hidden = true;
  $("count").textContent = String(list.querySelectorAll("li:not(.reset)").length);
  item.scrollIntoView({ block: "nearest" });
}

async function publish() {
  const result = $("publish-result");
  const users = $("targets").value.split(/[\s,]+/).filter((user) => user !== "");
  let message;
  try {
    message = JSON.parse($("message").value);
  } catch (error) {
    show(result, `The message is not JSON: ${error.message}`, true);
    return;
  }
  const input = users.length === 1 ? { userId: users[0], message } : { userIds: users, message };
  try {
    const response = await fetch("/@local/publish", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(input),
    });
    const text = await response.text();
    show(result, `${response.status} ${pretty(text)}`, !response.ok);
  } catch (error) {
    show(result, `The gateway could not be reached: ${error.message}`, true);
  }
}

function show(target, text, failed) {
  target.textContent = text;
  target.classList.toggle("failed", failed);
  target.hidden = false;
}

function pretty(text) {
  try {
    return JSON.stringify(JSON.parse(text));
  } catch {
    return text;
  }
}

function log(kind, text) {
  const item = document.createElement("li");
  item.dataset.kind = kind;
  item.append(now(), ` ${kind}: ${text}`);
  const list = $("log");
  list.prepend(item);
  while (list.children.length > LOG_LIMIT) list.lastElementChild.remove();
}

function now() {
  return element("time", new Date().toLocaleTimeString());
}

function element(name, text, className) {
  const node = document.createElement(name);
  node.textContent = text;
  if (className !== undefined) node.className = className;
  return node;
}
