// The dashboard's layout: a header that is always there (connect, tabs, PANIC), banners for what needs
// attention now, and the live view or the settings below.
import { useAppStore } from './store';
import { ConnectBar } from './components/ConnectBar';
import { PanicBanner, PanicButton } from './components/PanicControls';
import { AlertBanners, PerformancePanel } from './components/PerformancePanel';
import { VariablesPanel } from './components/VariablesPanel';
import { VariableEditor } from './components/VariableEditor';
import { FeedPanel } from './components/FeedPanel';
import { UsersPanel } from './components/UsersPanel';
import { SettingsPanel } from './components/SettingsPanel';
import type { Tab } from './store/types';
import { ErrorBoundary } from './components/ErrorBoundary';

export function App() {
  const tab = useAppStore((s) => s.tab);
  return (
    <div className="app">
      <Header />
      <LinkBanner />
      <PanicBanner />
      <AlertBanners />
      <main className={`view view-${tab}`}>
        {tab === 'live' ? (
          <>
            <ErrorBoundary name="Live performance">
              <PerformancePanel />
            </ErrorBoundary>
            <ErrorBoundary name="Variables">
              <VariablesPanel />
            </ErrorBoundary>
            <ErrorBoundary name="Command feed">
              <FeedPanel />
            </ErrorBoundary>
            <ErrorBoundary name="Users">
              <UsersPanel />
            </ErrorBoundary>
          </>
        ) : (
          <ErrorBoundary name="Settings">
            <SettingsPanel />
          </ErrorBoundary>
        )}
      </main>
      <ErrorBoundary name="Variable editor">
        <VariableEditor />
      </ErrorBoundary>
      <Toasts />
    </div>
  );
}

function Header() {
  return (
    <header className="top">
      <div className="brand">
        <span className="brand-mark" aria-hidden>
          ∿
        </span>
        <span className="brand-name">Twitch → CV</span>
      </div>
      <ConnectBar />
      <Tabs />
      <PanicButton />
    </header>
  );
}

function Tabs() {
  const tab = useAppStore((s) => s.tab);
  const setTab = useAppStore((s) => s.setTab);
  const item = (id: Tab, label: string) => (
    <button
      role="tab"
      aria-selected={tab === id}
      className={`tab ${tab === id ? 'active' : ''}`}
      data-testid={`tab-${id}`}
      onClick={() => setTab(id)}
    >
      {label}
    </button>
  );
  return (
    <nav className="tabs" role="tablist">
      {item('live', 'Live')}
      {item('settings', 'Settings')}
    </nav>
  );
}

/** Only the browser dashboard can lose its link; say so loudly, since every number on the page is stale. */
function LinkBanner() {
  const link = useAppStore((s) => s.link);
  if (link.state === 'open') return null;
  const text =
    link.state === 'connecting'
      ? 'Connecting to the engine…'
      : link.state === 'closed'
        ? `Not connected to the engine${link.error ? `: ${link.error}` : '.'}`
        : `Lost the connection to the engine (${link.error ?? 'no answer'}). Reconnecting, attempt ${link.attempt}… the values shown may be stale.`;
  return (
    <div
      className={`banner ${link.state === 'connecting' ? 'banner-info' : 'banner-critical'}`}
      data-testid="link-banner"
      data-state={link.state}
      role="status"
    >
      {text}
    </div>
  );
}

function Toasts() {
  const toasts = useAppStore((s) => s.toasts);
  const dismiss = useAppStore((s) => s.dismissToast);
  return (
    <div className="toasts" aria-live="polite">
      {toasts.map((t) => (
        <div key={t.id} className={`toast toast-${t.kind}`} data-testid="toast" role="alert">
          <span>{t.text}</span>
          <button className="btn ghost small" aria-label="Dismiss" onClick={() => dismiss(t.id)}>
            ✕
          </button>
        </div>
      ))}
    </div>
  );
}
