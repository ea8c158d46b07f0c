/**
 * The tracker's one error path: every entry point (listener, timer, page API call, network
 * answer) runs through {@link guard}, and the first error turns the whole tracker off, quietly.
 * A bug of ours must never reach the host page, nor keep firing on every click.
 */
let off = false;

/** `f`, run only while the tracker is on; an error it throws turns the tracker off. */
export const guard =
  <A extends unknown[]>(f: (...a: A) => unknown) =>
  (...a: A) => {
    if (!off)
      try {
        f(...a);
      } catch {
        off = true;
      }
  };

/** Turns the tracker off for the rest of the page (consent revoked). */
export const stop = () => {
  off = true;
};
