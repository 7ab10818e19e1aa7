import { render } from 'preact';
import { ReviewPage } from '../../lib/extension/components/ReviewPage';
import { getDb } from '../../lib/extension/db';
import { packagedIndex } from '../../lib/extension/index/packaged';
import '../../lib/shared/components/theme.css';
import '../../lib/extension/components/pages.css';

const root = document.getElementById('app');
// Read from the package only when a pack is imported, to say which of its papers the edition covers.
if (root) render(<ReviewPage db={getDb()} bundled={packagedIndex()} />, root);
