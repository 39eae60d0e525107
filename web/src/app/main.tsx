import '../shared/styles.css';
import { boot } from '../shared/boot';
import { App } from './app';

void boot({ product: 'Quoteflow', storageKey: 'quoteflow.app.session', render: () => <App /> });
