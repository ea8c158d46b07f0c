/** How a send ended: delivered, rejected for good (drop), or worth retrying. */
export const enum Sent {
  Ok,
  Drop,
  Retry,
}

/** 429 and 5xx are the collector's temporary trouble; any other 4xx will fail again. */
const outcome = (status: number) => (status >= 500 || status == 429 ? Sent.Retry : status >= 400 ? Sent.Drop : Sent.Ok);

/**
 * POSTs one envelope. `beacon` (the page is going away) uses `navigator.sendBeacon`, which
 * outlives the page but reports only whether the browser queued it. Otherwise `fetch` with
 * `keepalive`, else XHR. The body is a plain string, so every path sends
 * `text/plain;charset=UTF-8`: a CORS-safelisted type, hence no preflight. Never rejects.
 */
export function send(url: string, body: string, beacon?: boolean): Promise<Sent> {
  return new Promise<Sent>((done) => {
    const n = navigator;
    if (beacon && n.sendBeacon) done(n.sendBeacon(url, body) ? Sent.Ok : Sent.Retry);
    else if (typeof fetch == 'function')
      fetch(url, { method: 'POST', body, keepalive: true }).then((r) => done(outcome(r.status)), () => done(Sent.Retry));
    else {
      const x = new XMLHttpRequest();
      x.open('POST', url);
      // Status 0: the request never got an answer (offline, blocked).
      x.onloadend = () => done(x.status ? outcome(x.status) : Sent.Retry);
      x.send(body);
    }
  }).catch(() => Sent.Retry);
}
