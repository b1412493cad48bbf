// A photo from a phone's camera as evidence: 12 megapixels and 4–8 MB each is slow to send over a village's mobile
// connection and no clearer as proof than 2000 pixels on the long side. The browser decodes it the right way up (the
// camera's orientation tag applied) and encodes the upright picture again as JPEG, so it is never shown on its side.
// Anything that is not a photo, or one small enough already, goes as it is.

const LONG_SIDE = 2000;
const SMALL_ENOUGH = 1_500_000;
const RESIZABLE = /^image\/(jpeg|png|webp)$/;

export async function preparedForUpload(file: File): Promise<File> {
  if (!RESIZABLE.test(file.type) || typeof createImageBitmap !== 'function') return file;
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    return file; // the browser cannot decode it: the server judges the file as sent
  }
  try {
    const scale = Math.min(1, LONG_SIDE / Math.max(bitmap.width, bitmap.height));
    if (scale === 1 && file.size <= SMALL_ENOUGH) return file;
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(bitmap.width * scale);
    canvas.height = Math.round(bitmap.height * scale);
    const g = canvas.getContext('2d');
    if (!g) return file;
    g.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    const blob = await new Promise<Blob | null>((r) => canvas.toBlob(r, 'image/jpeg', 0.85));
    if (!blob || blob.size >= file.size) return file;
    return new File([blob], `${file.name.replace(/\.[^.]*$/, '')}.jpg`, { type: 'image/jpeg', lastModified: file.lastModified });
  } finally {
    bitmap.close();
  }
}
