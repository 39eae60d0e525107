import './quote.css';
import { createRoot } from 'react-dom/client';
import { QuotePage } from './quote-page';

/** The customer's page for an emailed quote: `/quote.html#<token>` (the token never reaches a server log). */
const token = decodeURIComponent(window.location.hash.replace(/^#/, '')).trim();
createRoot(document.getElementById('root')!).render(<QuotePage token={token} />);
