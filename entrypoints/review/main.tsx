import { render } from 'preact';
import { ReviewPage } from '../../components/ReviewPage';
import { getDb } from '../../lib/db';
import '../../components/theme.css';
import '../../components/pages.css';

const root = document.getElementById('app');
if (root) render(<ReviewPage db={getDb()} />, root);
