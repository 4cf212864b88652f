import { Component, ErrorInfo, ReactNode } from 'react';
import { ErrorPanel } from '../common/StatusPanels';

/**
 * Around everything a UI plugin draws: an error it throws while rendering shows in its own place,
 * naming the plugin, and the rest of the page goes on working.
 */
export class PluginBoundary extends Component<{ pluginId: string; what: string; children: ReactNode }, { error?: Error }> {
  state: { error?: Error } = {};

  static getDerivedStateFromError(error: unknown) {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  componentDidCatch(error: Error, info: ErrorInfo) {
    console.error(`UI plugin "${this.props.pluginId}" failed in ${this.props.what}`, error, info.componentStack);
  }

  render() {
    if (this.state.error) {
      return <ErrorPanel title={`The ${this.props.pluginId} plugin failed to show ${this.props.what}`} error={this.state.error} />;
    }
    return this.props.children;
  }
}
