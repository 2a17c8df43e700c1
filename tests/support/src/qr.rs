//! Reading back the QR codes the virtual printer drew.

use std::path::Path;

/// Decodes every QR in a PNG file.
pub fn qr_texts(png_path: &Path) -> Vec<String> {
    let file = std::fs::File::open(png_path).expect("png exists");
    let mut reader = png::Decoder::new(std::io::BufReader::new(file))
        .read_info()
        .expect("png header");
    let mut pixels = vec![0; reader.output_buffer_size().expect("size")];
    let info = reader.next_frame(&mut pixels).expect("png frame");
    let (width, height) = (info.width as usize, info.height as usize);
    let mut image =
        rqrr::PreparedImage::prepare_from_greyscale(width, height, |x, y| pixels[y * width + x]);
    image
        .detect_grids()
        .into_iter()
        .map(|grid| grid.decode().expect("QR decodes").1)
        .collect()
}
