import { render } from 'preact';
import { Popup } from '../../lib/extension/components/Popup';
import { getDb } from '../../lib/extension/db';
import '../../lib/shared/components/theme.css';
import '../../lib/extension/components/pages.css';

const root = document.getElementById('app');
if (root) render(<Popup db={getDb()} />, root);
