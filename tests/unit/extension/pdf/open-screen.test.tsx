import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { expectAccessible } from '../../../support/a11y';

// pdf.js itself is exercised in the browser suite (tests/e2e/pdf-viewer.test.ts); here only the
// bytes handed to it matter.
const openPdf = vi.fn<(data: Uint8Array) => Promise<never>>();
vi.mock('../../../../lib/extension/pdf/viewer/pdfjs', () => ({
  openPdf: (data: Uint8Array) => openPdf(data),
  TextLayer: class {},
}));

const { PdfViewer } = await import('../../../../lib/extension/pdf/viewer/PdfViewer');

function pdfFile(name = 'paper.pdf') {
  return new File([new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d])], name, { type: 'application/pdf' });
}

function invalid(): Error {
  const e = new Error('Invalid PDF structure.');
  e.name = 'InvalidPDFException';
  return e;
}

describe('the PDF viewer with no document', () => {
  beforeEach(() => {
    openPdf.mockReset();
    openPdf.mockRejectedValue(invalid());
  });

  it('offers a file picker for PDFs and a drop zone, accessibly', async () => {
    const { container } = render(<PdfViewer />);
    const picker = screen.getByTestId('pdf-open-file') as HTMLInputElement;
    expect(picker.type).toBe('file');
    expect(picker.accept).toContain('application/pdf');
    expect(picker.disabled).toBe(false);
    expect(screen.getByLabelText('Choose a file…')).toBe(picker);
    expect(screen.getByTestId('pdf-drop-zone').textContent).toContain('Drop a PDF here');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Open a PDF');
    expect(container.textContent).toContain('not uploaded anywhere');
    expect(openPdf).not.toHaveBeenCalled();
    await expectAccessible(container);
  });

  it('reads the chosen file and hands its bytes to pdf.js', async () => {
    render(<PdfViewer />);
    const picker = screen.getByTestId('pdf-open-file');
    fireEvent.change(picker, { target: { files: [pdfFile()] } });
    await waitFor(() => expect(openPdf).toHaveBeenCalledTimes(1));
    expect([...openPdf.mock.calls[0]![0]]).toEqual([0x25, 0x50, 0x44, 0x46, 0x2d]);
  });

  it('opens a dropped file and marks the zone while a file is over it', async () => {
    render(<PdfViewer />);
    const zone = screen.getByTestId('pdf-drop-zone');
    fireEvent.dragOver(zone);
    expect(zone.classList.contains('tw-pdf-drop-over')).toBe(true);
    fireEvent.dragLeave(zone);
    expect(zone.classList.contains('tw-pdf-drop-over')).toBe(false);
    fireEvent.drop(zone, { dataTransfer: { files: [pdfFile('dropped.pdf')] } });
    await waitFor(() => expect(openPdf).toHaveBeenCalledTimes(1));
  });

  it('says so when the file is not a PDF, and stays on the open screen', async () => {
    const { container } = render(<PdfViewer />);
    fireEvent.change(screen.getByTestId('pdf-open-file'), { target: { files: [pdfFile('notes.txt')] } });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('This file is not a PDF, or it is damaged.');
    expect(screen.getByTestId('pdf-drop-zone')).toBeTruthy();
    await expectAccessible(container);
  });

  it('names a password-protected PDF as such', async () => {
    const e = new Error('No password given');
    e.name = 'PasswordException';
    openPdf.mockRejectedValueOnce(e);
    render(<PdfViewer />);
    fireEvent.change(screen.getByTestId('pdf-open-file'), { target: { files: [pdfFile()] } });
    expect((await screen.findByRole('alert')).textContent).toContain('protected by a password');
  });

  it('refuses a ?src= it may not read, before any request', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    render(<PdfViewer src="http://journal.example/paper.pdf" />);
    expect((await screen.findByTestId('pdf-error')).textContent).toContain('http: addresses are not opened');
    expect(fetchSpy).not.toHaveBeenCalled();
    expect(screen.getByTestId('pdf-open-file')).toBeTruthy();
    fetchSpy.mockRestore();
  });
});
