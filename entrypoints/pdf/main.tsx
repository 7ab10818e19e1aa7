import { render } from 'preact';
import { PdfViewer } from '../../lib/extension/pdf/viewer/PdfViewer';
import '../../lib/shared/components/theme.css';
import '../../lib/extension/components/pages.css';
import '../../lib/extension/pdf/viewer/viewer.css';

const root = document.getElementById('app');
// `pdf.html?src=<url>` opens that document (see viewer/source.ts for which addresses are allowed).
if (root) render(<PdfViewer src={new URLSearchParams(location.search).get('src')} />, root);
