/* fqt_kernels.h — C prototypes and argument structs of cmemu's hand-written FQT kernels.
 *
 * Every kernel is an AAPCS function of one pointer:  void fqt_<name>(const fqt_<name>_args *a);
 * All fields are 32 bits (pointers on a 32-bit target, uint32_t sizes, int32_t zero points), in
 * the order declared here; the assembly sources use the byte offsets noted on each field and the
 * KernelHarness writes the structs in the same order (Tests/KernelHarnessTests checks the field
 * lists against this file).
 *
 * Layouts (DESIGN.md, FQT.md): activations and errors NHWC int8 (one sample); conv weights OHWI
 * int8 (per-output-channel symmetric scale); FC weights OI; biases and gradients int32.
 * Requantization is CMSIS-NN arm_nn_requantize (double rounding) with one (multiplier, shift) per
 * output channel; the multiplier must not be INT32_MIN (QuantizeMultiplier never produces it).
 * Packed masks are LSB first: bit k of byte j is element 8j + k.
 *
 * Scratch: kernels use no memory other than their tensors, the arena passed in (scratch,
 * scratch_size) and at most 64 bytes of stack. Each kernel's arena need is given by the
 * FQT_*_SCRATCH macro next to it; a kernel whose arena is too small returns without writing.
 * int8 tensors need no alignment (word loads may be unaligned; the Cortex-M4 allows it);
 * int32 tensors and the scratch arena must be 4-byte aligned (kernels use LDM/STM on them).
 * Output tensors must not overlap inputs unless a kernel says so.
 */
#ifndef FQT_KERNELS_H
#define FQT_KERNELS_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define FQT_ALIGN4(n) (((uint32_t)(n) + 3u) & ~3u)
#define FQT_ALIGN2(n) (((uint32_t)(n) + 1u) & ~1u)

/* ------------------------------------------------------------------------------------------
 * conv_bwd — input gradient of conv2d (transposed convolution), golden op conv2dInputGrad:
 *   g_x[ih,iw,i] = sum over (oh,ow,o,kh,kw) with ih = oh*stride_h - pad_h + kh and
 *                  iw = ow*stride_w - pad_w + kw of  W[o,kh,kw,i] * e[oh,ow,o]      (int32)
 * Output channels whose bit in `active` is 0 are skipped (dynamic partial update); active may be
 * NULL (all channels). Masking by the previous layer's ReLU mask is relu_mask_bwd's job.
 * out_h/out_w must equal (in + 2*pad - k)/stride + 1.
 */
typedef struct {
  const int8_t *error;        /*  0: out_h*out_w*out_c, NHWC */
  const int8_t *weights;      /*  4: out_c*k_h*k_w*in_c, OHWI */
  int32_t *grad_input;        /*  8: in_h*in_w*in_c, NHWC (written) */
  const uint8_t *active;      /* 12: ceil(out_c/8) bytes, or NULL */
  uint32_t in_h;              /* 16 */
  uint32_t in_w;              /* 20 */
  uint32_t in_c;              /* 24 */
  uint32_t out_h;             /* 28 */
  uint32_t out_w;             /* 32 */
  uint32_t out_c;             /* 36 */
  uint32_t k_h;               /* 40 */
  uint32_t k_w;               /* 44 */
  uint32_t stride_h;          /* 48 */
  uint32_t stride_w;          /* 52 */
  uint32_t pad_h;             /* 56 */
  uint32_t pad_w;             /* 60 */
  void *scratch;              /* 64 */
  uint32_t scratch_size;      /* 68 */
} fqt_conv_bwd_args;
/* the larger of: general path, a 64-byte loop frame and the transposed weights as int16, 4 input
 * channels per block; sliding fast path (stride 1, k_w = 3, out_c % 4 == 0, pad_w <= 2,
 * pad_h < k_h, 6 <= in_w <= 62), a 64-byte frame, the flipped weights as int16 pairs
 * (6*k_h*in_c*out_c bytes) and a ring of 2*k_h - 1 error rows as int16 (128*out_c bytes each) */
#define FQT_CONV_BWD_SCRATCH_GENERAL(k_h, k_w, in_c, out_c) \
  (64u + (uint32_t)(k_h) * (k_w) * (((in_c) + 3u) / 4u) * 8u * (out_c))
#define FQT_CONV_BWD_SCRATCH_FAST(k_h, in_c, out_c) \
  (64u + 6u * (uint32_t)(k_h) * (in_c) * (out_c) + 128u * (2u * (uint32_t)(k_h) - 1u) * (out_c))
#define FQT_CONV_BWD_SCRATCH(k_h, k_w, in_c, out_c) \
  (FQT_CONV_BWD_SCRATCH_GENERAL(k_h, k_w, in_c, out_c) > FQT_CONV_BWD_SCRATCH_FAST(k_h, in_c, out_c) \
     ? FQT_CONV_BWD_SCRATCH_GENERAL(k_h, k_w, in_c, out_c) : FQT_CONV_BWD_SCRATCH_FAST(k_h, in_c, out_c))
void fqt_conv_bwd(const fqt_conv_bwd_args *args);

/* ------------------------------------------------------------------------------------------
 * conv2d_fwd — conv2d forward, CMSIS-NN arm_convolve_s8 semantics plus the ReLU/clamp mask,
 * golden op conv2d:
 *   acc = bias[o] + sum W[o,kh,kw,i]*(x[ih,iw,i] - input_zp)   (padding contributes nothing)
 *   v = requantize(acc, multipliers[o], shifts[o]) + output_zp
 *   y = clamp(v, act_min, act_max);  mask bit = act_min < v <= act_max
 * Paths (no extra option), the first that applies:
 *  - Winograd F(2x2, 3x3): FQT_CONV2D_FWD_WINO_APPLIES (k = 3x3, stride 1, in_c % 4 == 0,
 *    in_c <= 32, padded work at most twice the direct products) and scratch_size >=
 *    FQT_CONV2D_FWD_SCRATCH_WINO. Exact: the weight transform is scaled by 2 so every value is an
 *    integer (|U| <= 1152, |V| <= 1020, int16 pairs for SMLAD) and the output transform yields 4x
 *    the direct sum, recovered by an arithmetic shift (|4*sum| < 2^31 for in_c <= 32);
 *  - sliding window: k_w = 3, stride_w = 1, in_c % 4 == 0, 6 <= out_w <= 62, int16 weights and
 *    input rows;
 *  - otherwise im2col + 2x2 GEMM, where in_c a multiple of 4 builds the im2col columns with SXTAB16.
 */
typedef struct {
  const int8_t *input;        /*  0: in_h*in_w*in_c, NHWC */
  const int8_t *weights;      /*  4: OHWI */
  const int32_t *bias;        /*  8: out_c */
  int8_t *output;             /* 12: out_h*out_w*out_c, NHWC (written) */
  uint8_t *mask;              /* 16: ceil(out_h*out_w*out_c/8) bytes (written) */
  uint32_t in_h;              /* 20 */
  uint32_t in_w;              /* 24 */
  uint32_t in_c;              /* 28 */
  uint32_t out_h;             /* 32 */
  uint32_t out_w;             /* 36 */
  uint32_t out_c;             /* 40 */
  uint32_t k_h;               /* 44 */
  uint32_t k_w;               /* 48 */
  uint32_t stride_h;          /* 52 */
  uint32_t stride_w;          /* 56 */
  uint32_t pad_h;             /* 60 */
  uint32_t pad_w;             /* 64 */
  int32_t input_zp;           /* 68 */
  int32_t output_zp;          /* 72 */
  const int32_t *multipliers; /* 76: out_c */
  const int32_t *shifts;      /* 80: out_c, each in [-31, 31] */
  int32_t act_min;            /* 84 */
  int32_t act_max;            /* 88 */
  void *scratch;              /* 92 */
  uint32_t scratch_size;      /* 96 */
} fqt_conv2d_fwd_args;
/* the largest of: general path, two im2col columns of K = k_h*k_w*in_c int16 values plus a
 * natural-order staging copy; sliding-window fast path (k_w = 3, stride_w = 1, in_c % 4 == 0,
 * 6 <= out_w <= 62), a 64-byte frame, the weights as
 * int16 (6*k_h*in_c*out_c bytes) and k_h input rows as int16 (128*k_h*in_c bytes); Winograd
 * path (where FQT_CONV2D_FWD_WINO_APPLIES, else 0): 511 bytes of alignment, a fixed
 * 5504 bytes (products, 17 slots of transformed input, frame, buffers), 32 bytes per output
 * channel, the transformed weights (128*ncp bytes per output channel pair, ncp = in_c/2 rounded
 * up to a multiple of 4) and the vertical input transform of a tile group (80*in_c bytes). The direct paths need only the larger of the first two: an arena
 * below FQT_CONV2D_FWD_SCRATCH_WINO runs them instead of Winograd (slower, same results). */
#define FQT_CONV2D_FWD_SCRATCH_GENERAL(k_h, k_w, in_c) \
  (8u * FQT_ALIGN4((uint32_t)(k_h) * (k_w) * (in_c)))
#define FQT_CONV2D_FWD_SCRATCH_FAST(k_h, in_c, out_c) \
  (64u + 6u * (uint32_t)(k_h) * (in_c) * (out_c) + 128u * (uint32_t)(k_h) * (in_c))
#define FQT_CONV2D_FWD_WINO_NCP(in_c) (((uint32_t)(in_c) + 7u) / 8u * 4u)
#define FQT_CONV2D_FWD_WINO_APPLIES(k_h, k_w, stride_h, stride_w, in_c, out_h, out_w) \
  ((k_h) == 3 && (k_w) == 3 && (stride_h) == 1 && (stride_w) == 1 && (in_c) % 4 == 0 && (in_c) <= 32 \
   && 16u * (((uint32_t)(out_h) + 1u) / 2u) * (((uint32_t)(out_w) + 7u) / 8u) * FQT_CONV2D_FWD_WINO_NCP(in_c) \
        <= (uint32_t)(out_h) * (out_w) * (in_c))
#define FQT_CONV2D_FWD_SCRATCH_WINO(k_h, k_w, stride_h, stride_w, in_c, out_c, out_h, out_w) \
  (FQT_CONV2D_FWD_WINO_APPLIES(k_h, k_w, stride_h, stride_w, in_c, out_h, out_w) \
     ? 6015u + 32u * (uint32_t)(out_c) + 128u * FQT_CONV2D_FWD_WINO_NCP(in_c) * (((uint32_t)(out_c) + 1u) / 2u) \
         + 80u * (uint32_t)(in_c) \
     : 0u)
#define FQT_CONV2D_FWD_SCRATCH_DIRECT(k_h, k_w, in_c, out_c) \
  (FQT_CONV2D_FWD_SCRATCH_GENERAL(k_h, k_w, in_c) > FQT_CONV2D_FWD_SCRATCH_FAST(k_h, in_c, out_c) \
     ? FQT_CONV2D_FWD_SCRATCH_GENERAL(k_h, k_w, in_c) : FQT_CONV2D_FWD_SCRATCH_FAST(k_h, in_c, out_c))
#define FQT_CONV2D_FWD_SCRATCH(k_h, k_w, stride_h, stride_w, in_c, out_c, out_h, out_w) \
  (FQT_CONV2D_FWD_SCRATCH_DIRECT(k_h, k_w, in_c, out_c) \
       > FQT_CONV2D_FWD_SCRATCH_WINO(k_h, k_w, stride_h, stride_w, in_c, out_c, out_h, out_w) \
     ? FQT_CONV2D_FWD_SCRATCH_DIRECT(k_h, k_w, in_c, out_c) \
     : FQT_CONV2D_FWD_SCRATCH_WINO(k_h, k_w, stride_h, stride_w, in_c, out_c, out_h, out_w))
void fqt_conv2d_fwd(const fqt_conv2d_fwd_args *args);

/* ------------------------------------------------------------------------------------------
 * conv_wgrad — weight and bias gradients of conv2d, golden ops conv2dWeightGrad and biasGrad:
 *   g_W[o,kh,kw,i] = sum over (oh,ow), tap inside the input, of e[oh,ow,o]*(x[ih,iw,i] - input_zp)
 *   g_b[o] = sum over (oh,ow) of e[oh,ow,o]
 * Rows of inactive channels (bit 0 in `active`) are 0. grad_bias may be NULL.
 */
typedef struct {
  const int8_t *error;        /*  0: out_h*out_w*out_c, NHWC */
  const int8_t *input;        /*  4: in_h*in_w*in_c, NHWC */
  int32_t *grad_weights;      /*  8: OHWI (written) */
  int32_t *grad_bias;         /* 12: out_c (written), or NULL */
  const uint8_t *active;      /* 16: ceil(out_c/8) bytes, or NULL */
  uint32_t in_h;              /* 20 */
  uint32_t in_w;              /* 24 */
  uint32_t in_c;              /* 28 */
  uint32_t out_h;             /* 32 */
  uint32_t out_w;             /* 36 */
  uint32_t out_c;             /* 40 */
  uint32_t k_h;               /* 44 */
  uint32_t k_w;               /* 48 */
  uint32_t stride_h;          /* 52 */
  uint32_t stride_w;          /* 56 */
  uint32_t pad_h;             /* 60 */
  uint32_t pad_w;             /* 64 */
  int32_t input_zp;           /* 68 */
  void *scratch;              /* 72 */
  uint32_t scratch_size;      /* 76 */
} fqt_conv_wgrad_args;
/* the larger of: general path, e transposed (out_c rounded up to even rows) and one tap of x
 * transposed (in_c rounded up to even rows), as int16 over P = out_h*out_w positions rounded up
 * to even; flat fast path (stride 1, k_w = 3), a 64-byte frame, e as int16 pairs of channels
 * over the out_h x (out_w + 2) grid (NJ pair columns) and one padded input channel as int16,
 * twice (the second copy shifted by one element) */
#define FQT_CONV_WGRAD_SCRATCH_GENERAL(out_h, out_w, in_c, out_c) \
  (2u * FQT_ALIGN2((uint32_t)(out_h) * (out_w)) * (FQT_ALIGN2(out_c) + FQT_ALIGN2(in_c)))
#define FQT_CONV_WGRAD_NJ(out_h, out_w) (((((uint32_t)(out_h) * ((out_w) + 2u) + 1u) / 2u) + 7u) & ~7u)
#define FQT_CONV_WGRAD_SCRATCH_FAST(out_h, out_w, k_h, out_c) \
  (64u + 4u * FQT_ALIGN2(out_c) * FQT_CONV_WGRAD_NJ(out_h, out_w) \
     + 2u * FQT_ALIGN4(2u * (((uint32_t)(out_h) + (k_h)) * ((out_w) + 2u) + 20u)))
#define FQT_CONV_WGRAD_SCRATCH(out_h, out_w, k_h, in_c, out_c) \
  (FQT_CONV_WGRAD_SCRATCH_GENERAL(out_h, out_w, in_c, out_c) > FQT_CONV_WGRAD_SCRATCH_FAST(out_h, out_w, k_h, out_c) \
     ? FQT_CONV_WGRAD_SCRATCH_GENERAL(out_h, out_w, in_c, out_c) : FQT_CONV_WGRAD_SCRATCH_FAST(out_h, out_w, k_h, out_c))
void fqt_conv_wgrad(const fqt_conv_wgrad_args *args);

/* ------------------------------------------------------------------------------------------
 * requant_grad — int32 accumulators to the next int8 error tensor, golden op requantGrad:
 *   sh = max(0, bitlength(max|g|) - 7)
 *   nearest (mode 0):    e = sat8(RoundingDivideByPOT(g, sh))           (ties away from zero)
 *   stochastic (mode 1): e = sat8((g + (r & (2^sh - 1))) >> sh), one xorshift32 draw r per
 *                        element in order, from and back into *rng_state
 * *shift_out receives sh (the caller's exponent becomes f - sh).
 */
typedef struct {
  const int32_t *grad;        /*  0: count */
  int8_t *output;             /*  4: count (written) */
  uint32_t count;             /*  8 */
  uint32_t mode;              /* 12: 0 nearest, 1 stochastic */
  uint32_t *rng_state;        /* 16: xorshift32 state (read and written in mode 1) */
  int32_t *shift_out;         /* 20: sh (written) */
} fqt_requant_grad_args;
void fqt_requant_grad(const fqt_requant_grad_args *args);

/* ------------------------------------------------------------------------------------------
 * relu_mask_bwd — ReLU/clamp backward, golden op applyMask (int8): out[k] = mask bit k ? in[k] : 0.
 * output may equal input (in place).
 */
typedef struct {
  const int8_t *input;        /*  0: count */
  const uint8_t *mask;        /*  4: ceil(count/8) bytes */
  int8_t *output;             /*  8: count (written) */
  uint32_t count;             /* 12 */
} fqt_relu_mask_bwd_args;
void fqt_relu_mask_bwd(const fqt_relu_mask_bwd_args *args);

/* ------------------------------------------------------------------------------------------
 * fc_fwd — fully connected forward, CMSIS-NN arm_fully_connected_s8 semantics plus the mask,
 * golden op fullyConnected (weights OI):
 *   v[o] = requantize(bias[o] + sum_i W[o,i]*(x[i] - input_zp), M[o], sh[o]) + output_zp
 *   y[o] = clamp(v, act_min, act_max);  mask bit o = act_min < v <= act_max
 */
typedef struct {
  const int8_t *input;        /*  0: in_c */
  const int8_t *weights;      /*  4: out_c*in_c, OI */
  const int32_t *bias;        /*  8: out_c */
  int8_t *output;             /* 12: out_c (written) */
  uint8_t *mask;              /* 16: ceil(out_c/8) bytes (written) */
  uint32_t in_c;              /* 20 */
  uint32_t out_c;             /* 24 */
  int32_t input_zp;           /* 28 */
  int32_t output_zp;          /* 32 */
  const int32_t *multipliers; /* 36: out_c */
  const int32_t *shifts;      /* 40: out_c */
  int32_t act_min;            /* 44 */
  int32_t act_max;            /* 48 */
  void *scratch;              /* 52 */
  uint32_t scratch_size;      /* 56 */
} fqt_fc_fwd_args;
/* the input as int16 (x - input_zp), in_c rounded up to 4 */
#define FQT_FC_FWD_SCRATCH(in_c) (2u * FQT_ALIGN4(in_c))
void fqt_fc_fwd(const fqt_fc_fwd_args *args);

/* ------------------------------------------------------------------------------------------
 * fc_bwd — fully connected backward, golden ops fullyConnectedInputGrad, fullyConnectedWeightGrad
 * and biasGrad:
 *   g_x[i] = sum_o W[o,i]*e[o];  g_W[o,i] = e[o]*(x[i] - input_zp);  g_b[o] = e[o]
 * Inactive output channels (bit 0 in `active`) contribute nothing and get zero g_W rows and g_b.
 * grad_input, grad_weights and grad_bias may each be NULL (that gradient is not computed).
 */
typedef struct {
  const int8_t *error;        /*  0: out_c */
  const int8_t *input;        /*  4: in_c */
  const int8_t *weights;      /*  8: out_c*in_c, OI */
  int32_t *grad_input;        /* 12: in_c (written), or NULL */
  int32_t *grad_weights;      /* 16: out_c*in_c (written), or NULL */
  int32_t *grad_bias;         /* 20: out_c (written), or NULL */
  const uint8_t *active;      /* 24: ceil(out_c/8) bytes, or NULL */
  uint32_t in_c;              /* 28 */
  uint32_t out_c;             /* 32 */
  int32_t input_zp;           /* 36 */
  void *scratch;              /* 40 */
  uint32_t scratch_size;      /* 44 */
} fqt_fc_bwd_args;
/* the masked error as int16 (out_c rounded up to 2) and the input as int16 (in_c rounded up to 2) */
#define FQT_FC_BWD_SCRATCH(in_c, out_c) (2u * (FQT_ALIGN2(out_c) + FQT_ALIGN2(in_c)))
void fqt_fc_bwd(const fqt_fc_bwd_args *args);

/* ------------------------------------------------------------------------------------------
 * maxpool_fwd — max pool with argmax, golden op maxPool (CMSIS-NN arm_max_pool_s8, full range):
 *   y[oh,ow,c] = max over the window's taps inside the input (padding is skipped, never a value)
 *   argmax[oh,ow,c] = flat NHWC input index ((ih*in_w + iw)*channels + c) of the first maximum in
 *                     (kh, kw) scan order
 * Every window must hold at least one input tap (pad < k). out_h/out_w as for conv2d.
 */
typedef struct {
  const int8_t *input;        /*  0: in_h*in_w*channels, NHWC */
  int8_t *output;             /*  4: out_h*out_w*channels (written) */
  int32_t *argmax;            /*  8: out_h*out_w*channels (written) */
  uint32_t in_h;              /* 12 */
  uint32_t in_w;              /* 16 */
  uint32_t channels;          /* 20 */
  uint32_t out_h;             /* 24 */
  uint32_t out_w;             /* 28 */
  uint32_t k_h;               /* 32 */
  uint32_t k_w;               /* 36 */
  uint32_t stride_h;          /* 40 */
  uint32_t stride_w;          /* 44 */
  uint32_t pad_h;             /* 48 */
  uint32_t pad_w;             /* 52 */
} fqt_maxpool_fwd_args;
void fqt_maxpool_fwd(const fqt_maxpool_fwd_args *args);

/* ------------------------------------------------------------------------------------------
 * avgpool_fwd — average pool, golden ops avgPool and globalAvgPool (CMSIS-NN arm_avgpool_s8):
 *   count = taps of the window inside the input, sum = their sum (int32)
 *   y = clamp(sum > 0 ? (sum + count/2)/count : (sum - count/2)/count, act_min, act_max)
 * Global average pool: k_h = in_h, k_w = in_w, strides 1, pads 0, out_h = out_w = 1.
 */
typedef struct {
  const int8_t *input;        /*  0: in_h*in_w*channels, NHWC */
  int8_t *output;             /*  4: out_h*out_w*channels (written) */
  uint32_t in_h;              /*  8 */
  uint32_t in_w;              /* 12 */
  uint32_t channels;          /* 16 */
  uint32_t out_h;             /* 20 */
  uint32_t out_w;             /* 24 */
  uint32_t k_h;               /* 28 */
  uint32_t k_w;               /* 32 */
  uint32_t stride_h;          /* 36 */
  uint32_t stride_w;          /* 40 */
  uint32_t pad_h;             /* 44 */
  uint32_t pad_w;             /* 48 */
  int32_t act_min;            /* 52 */
  int32_t act_max;            /* 56 */
} fqt_avgpool_fwd_args;
void fqt_avgpool_fwd(const fqt_avgpool_fwd_args *args);

/* ------------------------------------------------------------------------------------------
 * softmax_ce_grad — softmax of one row of int8 logits exactly as CMSIS-NN arm_softmax_s8 (output
 * scale 1/256, zero point -128), then the error at the logits, golden ops softmax and
 * softmaxCrossEntropyError:
 *   e[i] = sat8(RoundingDivideByPOT((probs[i] + 128) - 256*[i == label], 1))  (scale 1/128, f = 7)
 * multiplier, left_shift and diff_min are arm_softmax_s8's (TFLite's PreprocessSoftmaxScaling and
 * CalculateInputRadius; FQTGolden.SoftmaxParameters). n is 1..511.
 */
typedef struct {
  const int8_t *logits;       /*  0: n */
  int8_t *probs;              /*  4: n (written) */
  int8_t *error;              /*  8: n (written) */
  uint32_t n;                 /* 12 */
  uint32_t label;             /* 16 */
  int32_t multiplier;         /* 20 */
  int32_t left_shift;         /* 24: 0..30 */
  int32_t diff_min;           /* 28 */
} fqt_softmax_ce_grad_args;
void fqt_softmax_ce_grad(const fqt_softmax_ce_grad_args *args);

/* ------------------------------------------------------------------------------------------
 * ce_loss — integer cross-entropy loss in Q16, golden op crossEntropyLossQ16 (FQT.md): the
 * log-sum-exp of arm_softmax_s8's exp terms by an integer log2, plus (max - x_label)*s.
 * *loss = L (>= 0); if max_loss is not NULL, *max_loss = max(*max_loss, L) (the largest loss seen,
 * for the dynamic partial update). Softmax parameters as for softmax_ce_grad.
 */
typedef struct {
  const int8_t *logits;       /*  0: n */
  uint32_t n;                 /*  4 */
  uint32_t label;             /*  8 */
  int32_t multiplier;         /* 12 */
  int32_t left_shift;         /* 16: 0..30 */
  int32_t diff_min;           /* 20 */
  int32_t *loss;              /* 24: 1 value (written) */
  int32_t *max_loss;          /* 28: 1 value (read and written), or NULL */
} fqt_ce_loss_args;
void fqt_ce_loss(const fqt_ce_loss_args *args);

/* ------------------------------------------------------------------------------------------
 * sgd_qas_update — SGD with QAS, golden ops sgdUpdateWeights then sgdUpdateBias (one generator):
 *   per channel c: sh = shift[c] - grad_exp; sh < -31: the update underflows (delta = 0)
 *   delta = requantize(g, M[c], sh)  (mode 0, nearest), or with the final right shift rounded
 *           stochastically by one xorshift32 draw per element in flat order (mode 1; drawn also
 *           for inactive and underflowing elements; weights first, then bias)
 *   W = sat8(W - delta);  b = sat32(b - delta)                                    (in place)
 * layout 0: OHWI/OI weights, channel = k / per_channel; layout 1: depthwise 1HWC, channel =
 * k % channels (per_channel = k_h*k_w). weights or bias may be NULL (not updated). active (per
 * output channel) may be NULL; active_in (static sparse update: per input channel i = k % in_c,
 * layout 0 only) may be NULL. shift[c] - grad_exp must be <= 31.
 */
typedef struct {
  int8_t *weights;            /*  0: channels*per_channel (read and written), or NULL */
  const int32_t *grad_weights;/*  4: channels*per_channel */
  int32_t *bias;              /*  8: channels (read and written), or NULL */
  const int32_t *grad_bias;   /* 12: channels */
  uint32_t channels;          /* 16 */
  uint32_t per_channel;       /* 20 */
  uint32_t layout;            /* 24: 0 OHWI, 1 depthwise 1HWC */
  const int32_t *w_multipliers; /* 28: channels */
  const int32_t *w_shifts;    /* 32: channels */
  const int32_t *b_multipliers; /* 36: channels */
  const int32_t *b_shifts;    /* 40: channels */
  int32_t grad_exp;           /* 44: f, the exponent of the error the gradients came from */
  uint32_t mode;              /* 48: 0 nearest, 1 stochastic */
  uint32_t *rng_state;        /* 52: xorshift32 state (read and written in mode 1) */
  const uint8_t *active;      /* 56: ceil(channels/8) bytes, or NULL */
  const uint8_t *active_in;   /* 60: ceil(in_c/8) bytes, or NULL */
  uint32_t in_c;              /* 64: innermost weight dimension (with active_in) */
  void *scratch;              /* 68 */
  uint32_t scratch_size;      /* 72 */
} fqt_sgd_qas_update_args;
/* with active_in: its bits expanded to one byte per weight of a channel */
#define FQT_SGD_QAS_UPDATE_SCRATCH(per_channel, has_active_in) \
  ((has_active_in) ? FQT_ALIGN4(per_channel) : 0u)
void fqt_sgd_qas_update(const fqt_sgd_qas_update_args *args);

/* ------------------------------------------------------------------------------------------
 * topk_select — dynamic partial update (Deutel et al.), golden ops channelScores,
 * dynamicPartialK and topK:
 *   score[c] = sum over positions of |error[p, c]|
 *   eps = max_loss <= 0 ? 1 : min(1, loss/max_loss);  r = min(lmin + eps*(lmax - lmin), 1);
 *   k = floor(r*channels)        (all in Q16 with floor divisions)
 *   active = the k channels with the highest scores, ties to the lower index (packed, LSB first)
 * k_out may be NULL. 0 <= lambda_min <= lambda_max, loss >= 0.
 */
typedef struct {
  const int8_t *error;        /*  0: positions*channels, NHWC */
  uint32_t positions;         /*  4: h*w */
  uint32_t channels;          /*  8 */
  int32_t lambda_min;         /* 12: Q16 */
  int32_t lambda_max;         /* 16: Q16 */
  int32_t loss;               /* 20: Q16 */
  int32_t max_loss;           /* 24: Q16 */
  uint8_t *active;            /* 28: ceil(channels/8) bytes (written) */
  uint32_t *k_out;            /* 32: k (written), or NULL */
  void *scratch;              /* 36 */
  uint32_t scratch_size;      /* 40 */
} fqt_topk_select_args;
/* the int32 scores */
#define FQT_TOPK_SELECT_SCRATCH(channels) (4u * (uint32_t)(channels))
void fqt_topk_select(const fqt_topk_select_args *args);

/* ------------------------------------------------------------------------------------------
 * zo_perturb — zeroth-order perturbation, golden ops zoPerturbWeights then zoPerturbBias:
 *   one xorshift32 draw x per element (weights, then bias), u = 1 - 2*(x & 1),
 *   weights_out = sat8(weights + sigma_w*u);  bias_out = sat32(bias + sigma_b*u)
 * The outputs may equal the inputs (in place). Counts may be 0.
 */
typedef struct {
  const int8_t *weights;      /*  0: weight_count */
  int8_t *weights_out;        /*  4: weight_count (written) */
  uint32_t weight_count;      /*  8 */
  int32_t sigma_w;            /* 12 */
  const int32_t *bias;        /* 16: bias_count */
  int32_t *bias_out;          /* 20: bias_count (written) */
  uint32_t bias_count;        /* 24 */
  int32_t sigma_b;            /* 28 */
  uint32_t *rng_state;        /* 32: xorshift32 state (read and written) */
} fqt_zo_perturb_args;
void fqt_zo_perturb(const fqt_zo_perturb_args *args);

/* ------------------------------------------------------------------------------------------
 * zo_accumulate — zeroth-order estimate of one query, golden op zoAccumulate on the weights then
 * the bias: one xorshift32 draw per element (from the query's perturbation state), u as in
 * zo_perturb, g += loss_delta*u (int32; saturating where the golden model would reject).
 */
typedef struct {
  int32_t *grad_weights;      /*  0: weight_count (read and written) */
  uint32_t weight_count;      /*  4 */
  int32_t *grad_bias;         /*  8: bias_count (read and written) */
  uint32_t bias_count;        /* 12 */
  int32_t loss_delta;         /* 16: L_q - L_0, Q16 */
  uint32_t *rng_state;        /* 20: xorshift32 state (read and written) */
} fqt_zo_accumulate_args;
void fqt_zo_accumulate(const fqt_zo_accumulate_args *args);

/* ------------------------------------------------------------------------------------------
 * dwconv_fwd — depthwise conv2d forward (channel multiplier 1), CMSIS-NN arm_depthwise_conv_s8
 * semantics plus the ReLU/clamp mask, golden op depthwiseConv2d (weights 1HWC: W[kh,kw,c] at
 * (kh*k_w + kw)*channels + c):
 *   acc = bias[c] + sum W[kh,kw,c]*(x[ih,iw,c] - input_zp)   (padding contributes nothing)
 *   v = requantize(acc, multipliers[c], shifts[c]) + output_zp
 *   y = clamp(v, act_min, act_max);  mask bit = act_min < v <= act_max
 */
typedef struct {
  const int8_t *input;        /*  0: in_h*in_w*channels, NHWC */
  const int8_t *weights;      /*  4: k_h*k_w*channels, 1HWC */
  const int32_t *bias;        /*  8: channels */
  int8_t *output;             /* 12: out_h*out_w*channels (written) */
  uint8_t *mask;              /* 16: ceil(out_h*out_w*channels/8) bytes (written) */
  uint32_t in_h;              /* 20 */
  uint32_t in_w;              /* 24 */
  uint32_t channels;          /* 28 */
  uint32_t out_h;             /* 32 */
  uint32_t out_w;             /* 36 */
  uint32_t k_h;               /* 40 */
  uint32_t k_w;               /* 44 */
  uint32_t stride_h;          /* 48 */
  uint32_t stride_w;          /* 52 */
  uint32_t pad_h;             /* 56 */
  uint32_t pad_w;             /* 60 */
  int32_t input_zp;           /* 64 */
  int32_t output_zp;          /* 68 */
  const int32_t *multipliers; /* 72: channels */
  const int32_t *shifts;      /* 76: channels, each in [-31, 31] */
  int32_t act_min;            /* 80 */
  int32_t act_max;            /* 84 */
} fqt_dwconv_fwd_args;
void fqt_dwconv_fwd(const fqt_dwconv_fwd_args *args);

/* ------------------------------------------------------------------------------------------
 * dwconv_bwd — depthwise conv2d backward, golden ops depthwiseConv2dInputGrad,
 * depthwiseConv2dWeightGrad and biasGrad (int32):
 *   g_x[ih,iw,c] = sum over (oh,ow,kh,kw) reaching it of W[kh,kw,c]*e[oh,ow,c]
 *   g_W[kh,kw,c] = sum over (oh,ow), tap inside the input, of e[oh,ow,c]*(x[ih,iw,c] - input_zp)
 *   g_b[c] = sum over (oh,ow) of e[oh,ow,c]
 * Channels whose bit in `active` is 0 contribute nothing; active may be NULL. grad_input,
 * grad_weights and grad_bias may each be NULL (not computed).
 */
typedef struct {
  const int8_t *error;        /*  0: out_h*out_w*channels, NHWC */
  const int8_t *input;        /*  4: in_h*in_w*channels, NHWC */
  const int8_t *weights;      /*  8: k_h*k_w*channels, 1HWC */
  int32_t *grad_input;        /* 12: in_h*in_w*channels (written), or NULL */
  int32_t *grad_weights;      /* 16: k_h*k_w*channels (written), or NULL */
  int32_t *grad_bias;         /* 20: channels (written), or NULL */
  const uint8_t *active;      /* 24: ceil(channels/8) bytes, or NULL */
  uint32_t in_h;              /* 28 */
  uint32_t in_w;              /* 32 */
  uint32_t channels;          /* 36 */
  uint32_t out_h;             /* 40 */
  uint32_t out_w;             /* 44 */
  uint32_t k_h;               /* 48 */
  uint32_t k_w;               /* 52 */
  uint32_t stride_h;          /* 56 */
  uint32_t stride_w;          /* 60 */
  uint32_t pad_h;             /* 64 */
  uint32_t pad_w;             /* 68 */
  int32_t input_zp;           /* 72 */
} fqt_dwconv_bwd_args;
void fqt_dwconv_bwd(const fqt_dwconv_bwd_args *args);

#ifdef __cplusplus
}
#endif

#endif /* FQT_KERNELS_H */
