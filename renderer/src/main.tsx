import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.tsx';
import { selectHost } from './api/transport.ts';
import './styles.css';

const host = selectHost();
const root = createRoot(document.getElementById('root')!);
root.render(
  <StrictMode>
    {host.kind === 'no-token' ? (
      <main className="no-token">
        <h1>SeqAtlas</h1>
        <p>This page needs the access token: open the URL that <code>seqatlas serve</code> printed (it ends in <code>?token=…</code>).</p>
      </main>
    ) : (
      <App host={host} />
    )}
  </StrictMode>,
);
