/** The baseline: a bare Hono app on @hono/node-server answering "hello" to anything. */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { serveIpc } from './ipc.ts';

const app = new Hono();
app.all('*', (c) => c.text('hello'));
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
  serveIpc({ url: `http://127.0.0.1:${info.port}` }, {}, () => void server.close());
});
