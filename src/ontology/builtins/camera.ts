/** Images and camera calibration (docs/protocol.md §13.3). */
import { defineOntology } from "../define-ontology.js";
import { field } from "../field-spec.js";
import { HeaderMixin } from "../mixins.js";
import { Vector2d } from "./geometry.js";

const mixins = [HeaderMixin] as const;

/**
 * Uncompressed pixels, `raw` or wrapped in a lossless `png` container
 * (tag `image`, serialization format `image`).
 */
export const Image = defineOntology({
  name: "Image",
  tag: "image",
  serializationFormat: "image",
  fields: {
    data: field.binary(),
    format: field.utf8(),
    width: field.int32(),
    height: field.int32(),
    stride: field.optional(field.int32()),
    is_bigendian: field.optional(field.bool()),
    encoding: field.optional(field.utf8()),
  },
  // mosaico-labs/mosaico@93813a8f, mosaico-sdk-py/src/mosaicolabs/models/sensors/image.py: "Image width in pixels.", "Image height in pixels.", stride "Bytes per row."
  units: { width: "px", height: "px", stride: "bytes" },
  mixins,
});

/** An encoded frame: `format` names the codec (`jpeg`, `png`, `tiff`, `h264`, ...) (tag `compressed_image`). */
export const CompressedImage = defineOntology({
  name: "CompressedImage",
  tag: "compressed_image",
  serializationFormat: "image",
  fields: { data: field.binary(), format: field.utf8() },
  mixins,
});

/** Region of interest inside an image (tag `roi`). */
export const ROI = defineOntology({
  name: "ROI",
  tag: "roi",
  fields: {
    offset: field.model(Vector2d),
    height: field.uint32(),
    width: field.uint32(),
    do_rectify: field.optional(field.bool()),
  },
  // mosaico-labs/mosaico@93813a8f, mosaico-sdk-py/src/mosaicolabs/models/data/roi.py: offset is "the top-left pixel coordinates", height and width "in pixels".
  units: { offset: "px", height: "px", width: "px" },
  mixins,
});

/** Intrinsic calibration of a camera (tag `camera_info`). */
export const CameraInfo = defineOntology({
  name: "CameraInfo",
  tag: "camera_info",
  fields: {
    height: field.uint32(),
    width: field.uint32(),
    distortion_model: field.utf8(),
    distortion_parameters: field.list(field.float64()),
    intrinsic_parameters: field.fixedList(field.float64(), 9),
    rectification_parameters: field.fixedList(field.float64(), 9),
    projection_parameters: field.fixedList(field.float64(), 12),
    binning: field.optional(field.model(Vector2d)),
    roi: field.optional(field.model(ROI)),
  },
  // mosaico-labs/mosaico@93813a8f, mosaico-sdk-py/src/mosaicolabs/models/sensors/camera.py: height and width "in pixels"; roi is a ROI (see ROI above).
  units: { height: "px", width: "px", "roi.offset": "px", "roi.height": "px", "roi.width": "px" },
  mixins,
});
