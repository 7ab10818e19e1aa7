import { render } from 'preact';
import { PdfViewer } from '../../lib/extension/pdf/viewer/PdfViewer';
import '../../lib/shared/components/theme.css';
import '../../lib/shared/components/glance.css';
import '../../lib/extension/components/pages.css';
import '../../lib/extension/pdf/viewer/viewer.css';
import '../../lib/extension/pdf/viewer/panel.css';

const root = document.getElementById('app');
const params = new URLSearchParams(location.search);
// `pdf.html?src=<url>` opens that document (see viewer/source.ts for which addresses are allowed);
// `pdf.html?kept=<fingerprint>` opens a copy the reader kept in this browser.
if (root) render(<PdfViewer src={params.get('src')} kept={params.get('kept')} />, root);
