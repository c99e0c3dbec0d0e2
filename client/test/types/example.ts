// Compiled with `tsc --noEmit --strict` (npm run check-types): the declarations must accept what a browser
// application writes, with the DOM's own WebSocket, sessionStorage and document, and reject misuse.
import { RtcClient, RtcClientError, type RtcClientConfig, type RtcClientState, type RtcMessage, type RtcSessionEnded } from "rtc-pulumi-client";

const config: RtcClientConfig = {
  url: "wss://abc123.execute-api.eu-west-1.amazonaws.com/prod",
  stage: "prod",
  region: "eu-west-1",
  heartbeatSeconds: 300,
  maxConnectionSeconds: 7200,
  history: { enabled: true, seconds: 86400 },
  auth: { mode: "jwt", tokenSource: "protocol", subprotocols: ["rtc", "<token>"] },
};

const client = new RtcClient({
  config,
  getToken: async () => (await fetch("/token")).text(),
  storage: sessionStorage,
  WebSocket,
  document,
  window,
  backoffCapSeconds: 60,
  pauseWhenHidden: 300,
});

// Read from the stack output at run time: any JSON goes in as is.
const fromOutput: RtcClientConfig = JSON.parse('{"url":"ws://127.0.0.1:3001/local","heartbeatSeconds":300,"auth":{"mode":"none","queryParameter":"user_id"}}');
new RtcClient({ config: fromOutput, userId: "alice" });

const shown: RtcMessage[] = [];
const unsubscribe: () => void = client.on("message", (message) => {
  shown.push(message);
  if (message.seq !== null) console.log(message.seq.toFixed(0), message.epoch?.length);
});
client.on("reset", ({ reason }) => console.log(`reload: ${reason}`));
client.on("state", ({ state, previous }) => console.log(previous, "->", state));
client.on("error", (error: RtcClientError) => console.warn(error.kind, error.message));
// Signed out elsewhere: the client is closed; connect() again once the user has signed in.
client.on("session_ended", ({ reason }: RtcSessionEnded) => {
  const why: string = reason;
  console.log(`signed out: ${why}`, client.state);
});
client.connect();
const state: RtcClientState = client.state;
unsubscribe();
client.close();

// @ts-expect-error: "mesage" is not an event.
client.on("mesage", () => {});
// @ts-expect-error: seq is null for unsequenced messages, so it must be checked first.
client.on("message", (message) => message.seq.toFixed(0));
// @ts-expect-error: a query-token config names its query parameter.
new RtcClient({ config: { ...config, auth: { mode: "jwt", tokenSource: "query" } } });
// @ts-expect-error: a session_ended payload has a reason, not a state.
client.on("session_ended", ({ state }) => state);
// @ts-expect-error: the state is read-only.
client.state = state;
