import { render } from 'preact';
import { Popup } from '../../components/Popup';
import { getDb } from '../../lib/db';
import '../../components/theme.css';
import '../../components/pages.css';

const root = document.getElementById('app');
if (root) render(<Popup db={getDb()} />, root);
