import { render } from 'preact';
import { ReviewPage } from '../../components/ReviewPage';
import { getDb } from '../../lib/db';
import { packagedIndex } from '../../lib/index/packaged';
import '../../components/theme.css';
import '../../components/pages.css';

const root = document.getElementById('app');
// Read from the package only when a pack is imported, to say which of its papers the edition covers.
if (root) render(<ReviewPage db={getDb()} bundled={packagedIndex()} />, root);
