import { render } from 'preact';
import { ConceptPage } from '../../components/ConceptPage';
import { getDb } from '../../lib/db';
import '../../components/theme.css';
import '../../components/pages.css';

const root = document.getElementById('app');
if (root) render(<ConceptPage db={getDb()} name={decodeURIComponent(location.hash.slice(1))} />, root);
