// A screen whose code could not be fetched — the application was updated under an open page (the old files are gone),
// or the network dropped — says so and offers to reload, instead of leaving the screen blank.
import { Component, type ReactNode } from 'react';

export class LoadFailure extends Component<{ children: ReactNode }, { failed: boolean }> {
  state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  render() {
    if (!this.state.failed) return this.props.children;
    return (
      <div role="alert" style={{ padding: 48, textAlign: 'center', lineHeight: 2 }}>
        <div style={{ fontSize: 16 }}>页面未能加载：整改通可能已经更新，或网络中断。</div>
        <button type="button" onClick={() => window.location.reload()} style={{ marginTop: 12, padding: '4px 16px' }}>
          重新加载
        </button>
      </div>
    );
  }
}
