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
/* a 64-byte loop frame, then the transposed weights as int16, 4 input channels per block */
#define FQT_CONV_BWD_SCRATCH(k_h, k_w, in_c, out_c) \
  (64u + (uint32_t)(k_h) * (k_w) * (((in_c) + 3u) / 4u) * 8u * (out_c))
void fqt_conv_bwd(const fqt_conv_bwd_args *args);

/* ------------------------------------------------------------------------------------------
 * conv2d_fwd — conv2d forward, CMSIS-NN arm_convolve_s8 semantics plus the ReLU/clamp mask,
 * golden op conv2d:
 *   acc = bias[o] + sum W[o,kh,kw,i]*(x[ih,iw,i] - input_zp)   (padding contributes nothing)
 *   v = requantize(acc, multipliers[o], shifts[o]) + output_zp
 *   y = clamp(v, act_min, act_max);  mask bit = act_min < v <= act_max
 * Fast paths (no extra option): k_w = 3, stride_w = 1, in_c % 4 == 0, 6 <= out_w <= 62 runs a
 * sliding-window kernel over int16 weights and input rows; otherwise im2col + 2x2 GEMM, where
 * in_c a multiple of 4 builds the im2col columns with SXTAB16.
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
/* the larger of: general path, two im2col columns of K = k_h*k_w*in_c int16 values plus a
 * natural-order staging copy; sliding-window fast path (k_w = 3, stride_w = 1, in_c % 4 == 0,
 * 6 <= out_w <= 62), a 64-byte frame, the weights as
 * int16 (6*k_h*in_c*out_c bytes) and k_h input rows as int16 (128*k_h*in_c bytes) */
#define FQT_CONV2D_FWD_SCRATCH_GENERAL(k_h, k_w, in_c) \
  (8u * FQT_ALIGN4((uint32_t)(k_h) * (k_w) * (in_c)))
#define FQT_CONV2D_FWD_SCRATCH_FAST(k_h, in_c, out_c) \
  (64u + 6u * (uint32_t)(k_h) * (in_c) * (out_c) + 128u * (uint32_t)(k_h) * (in_c))
#define FQT_CONV2D_FWD_SCRATCH(k_h, k_w, in_c, out_c) \
  (FQT_CONV2D_FWD_SCRATCH_GENERAL(k_h, k_w, in_c) > FQT_CONV2D_FWD_SCRATCH_FAST(k_h, in_c, out_c) \
     ? FQT_CONV2D_FWD_SCRATCH_GENERAL(k_h, k_w, in_c) : FQT_CONV2D_FWD_SCRATCH_FAST(k_h, in_c, out_c))
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
/* e transposed (out_c rounded up to even rows) and one tap of x transposed (in_c rounded up to
 * even rows), as int16 over P = out_h*out_w positions rounded up to even */
#define FQT_CONV_WGRAD_SCRATCH(out_h, out_w, in_c, out_c) \
  (2u * FQT_ALIGN2((uint32_t)(out_h) * (out_w)) * (FQT_ALIGN2(out_c) + FQT_ALIGN2(in_c)))
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

#ifdef __cplusplus
}
#endif

#endif /* FQT_KERNELS_H */
