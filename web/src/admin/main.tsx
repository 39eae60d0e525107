import '../shared/styles.css';
import { boot } from '../shared/boot';
import { App } from './app';

document.documentElement.dataset.console = 'admin';
void boot({
  product: 'Quoteflow Admin',
  storageKey: 'quoteflow.admin.session',
  persistence: 'session',
  render: () => <App />,
});
