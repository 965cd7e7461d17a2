/**
 * A one-node ONNX model (Conv or ConvTranspose, weights as an initializer), encoded as protobuf
 * bytes by hand so the bench needs no protobuf library. Field numbers: onnx/onnx.proto (ModelProto,
 * GraphProto, NodeProto, AttributeProto, TensorProto, ValueInfoProto, TypeProto, TensorShapeProto).
 */

type Bytes = number[];

function varint(value: number): Bytes {
  const out: Bytes = [];
  let v = BigInt(value);
  if (v < 0n) v += 1n << 64n;
  while (v >= 0x80n) {
    out.push(Number(v & 0x7fn) | 0x80);
    v >>= 7n;
  }
  out.push(Number(v));
  return out;
}

/** Field `field` with wire type 0 (varint). */
function intField(field: number, value: number): Bytes {
  return [...varint(field << 3), ...varint(value)];
}

/** Field `field` with wire type 2 (length-delimited: bytes, strings, messages). */
function bytesField(field: number, bytes: ArrayLike<number>): Bytes {
  return [...varint((field << 3) | 2), ...varint(bytes.length), ...Array.from(bytes)];
}

function stringField(field: number, text: string): Bytes {
  return bytesField(field, new TextEncoder().encode(text));
}

const ATTRIBUTE_INT = 2;
const ATTRIBUTE_INTS = 7;
const TENSOR_FLOAT = 1;

function attribute(name: string, value: number | readonly number[]): Bytes {
  const body =
    typeof value === 'number'
      ? [...stringField(1, name), ...intField(20, ATTRIBUTE_INT), ...intField(3, value)]
      : [
          ...stringField(1, name),
          ...intField(20, ATTRIBUTE_INTS),
          ...value.flatMap((v) => intField(8, v)),
        ];
  return bytesField(5, body);
}

function valueInfo(field: number, name: string, dims: readonly number[]): Bytes {
  const shape = dims.flatMap((d) => bytesField(1, intField(1, d)));
  const tensorType = [...intField(1, TENSOR_FLOAT), ...bytesField(2, shape)];
  return bytesField(field, [...stringField(1, name), ...bytesField(2, bytesField(1, tensorType))]);
}

export interface OnnxConvSpec {
  op: 'Conv' | 'ConvTranspose';
  inputShape: readonly number[];
  outputShape: readonly number[];
  weight: { data: Float32Array; shape: readonly number[] };
  /** ONNX attributes: kernel_shape, strides, pads [top, left, bottom, right], dilations, group, output_padding. */
  attributes: Record<string, number | readonly number[]>;
}

/** Model bytes with graph input 'X', initializer 'W' and output 'Y' (opset 17). */
export function onnxConvModel(spec: OnnxConvSpec): Uint8Array {
  const node = bytesField(1, [
    ...stringField(1, 'X'),
    ...stringField(1, 'W'),
    ...stringField(2, 'Y'),
    ...stringField(3, spec.op),
    ...stringField(4, spec.op),
    ...Object.entries(spec.attributes).flatMap(([name, value]) => attribute(name, value)),
  ]);
  const raw = new Uint8Array(
    spec.weight.data.buffer,
    spec.weight.data.byteOffset,
    spec.weight.data.byteLength,
  );
  const initializer = bytesField(5, [
    ...spec.weight.shape.flatMap((d) => intField(1, d)),
    ...intField(2, TENSOR_FLOAT),
    ...stringField(8, 'W'),
    ...bytesField(9, raw),
  ]);
  const graph = bytesField(7, [
    ...node,
    ...stringField(2, 'conv'),
    ...initializer,
    ...valueInfo(11, 'X', spec.inputShape),
    ...valueInfo(12, 'Y', spec.outputShape),
  ]);
  const opset = bytesField(8, [...stringField(1, ''), ...intField(2, 17)]);
  return new Uint8Array([
    ...intField(1, 8),
    ...stringField(2, 'saddle-stride bench'),
    ...graph,
    ...opset,
  ]);
}
