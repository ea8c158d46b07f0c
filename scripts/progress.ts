/**
 * A progress bar for long commands: redrawn in place on a terminal, a line every 10% when
 * the output is a file or a pipe (CI logs stay readable).
 */
export function progressBar(stream: NodeJS.WriteStream, label: string): (done: number, total: number) => void {
  const width = 30;
  let lastTenth = -1;
  return (done, total) => {
    const ratio = total > 0 ? Math.min(1, done / total) : 1;
    if (stream.isTTY) {
      const filled = Math.round(ratio * width);
      stream.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}${done >= total ? '\n' : ''}`);
      return;
    }
    const tenth = Math.floor(ratio * 10);
    if (tenth !== lastTenth) {
      lastTenth = tenth;
      stream.write(`${label} ${done}/${total} (${tenth * 10}%)\n`);
    }
  };
}
