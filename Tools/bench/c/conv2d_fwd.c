/* Tools/bench/c/conv2d_fwd.c — the golden conv2d forward (CMSIS-NN arm_convolve_s8 semantics +
 * mask) in plain C: the compiled-C baseline of Tools/bench/kernels.sh, not a product kernel. */
#include "fqt_kernels.h"

static inline int32_t requantize(int32_t acc, int32_t m, int32_t sh) {
  int32_t left = sh > 0 ? sh : 0, right = sh > 0 ? 0 : -sh;
  int32_t t = (int32_t)((uint32_t)acc << left);
  int32_t x = (int32_t)(((int64_t)t * m + (1LL << 30)) >> 31);
  int32_t mask = (int32_t)((1u << right) - 1u);
  int32_t rem = x & mask;
  int32_t thr = (mask >> 1) + (x < 0 ? 1 : 0);
  int32_t r = x >> right;
  return r + (rem > thr ? 1 : 0);
}

__attribute__((section(".text.entry")))
void fqt_conv2d_fwd(const fqt_conv2d_fwd_args *a) {
  const uint32_t ih_n = a->in_h, iw_n = a->in_w, ic = a->in_c, oc = a->out_c;
  const uint32_t n = a->out_h * a->out_w * oc;
  for (uint32_t j = 0; j < (n + 7) / 8; j++) a->mask[j] = 0;
  for (uint32_t oh = 0; oh < a->out_h; oh++)
    for (uint32_t ow = 0; ow < a->out_w; ow++)
      for (uint32_t o = 0; o < oc; o++) {
        int32_t acc = a->bias[o];
        const int8_t *w = a->weights + o * a->k_h * a->k_w * ic;
        for (uint32_t kh = 0; kh < a->k_h; kh++) {
          int32_t ih = (int32_t)(oh * a->stride_h + kh) - (int32_t)a->pad_h;
          for (uint32_t kw = 0; kw < a->k_w; kw++) {
            int32_t iw = (int32_t)(ow * a->stride_w + kw) - (int32_t)a->pad_w;
            const int8_t *wt = w + (kh * a->k_w + kw) * ic;
            if (ih < 0 || ih >= (int32_t)ih_n || iw < 0 || iw >= (int32_t)iw_n) continue;
            const int8_t *x = a->input + ((uint32_t)ih * iw_n + (uint32_t)iw) * ic;
            for (uint32_t i = 0; i < ic; i++) acc += wt[i] * (x[i] - a->input_zp);
          }
        }
        int32_t v = requantize(acc, a->multipliers[o], a->shifts[o]) + a->output_zp;
        uint32_t idx = (oh * a->out_w + ow) * oc + o;
        int32_t y = v < a->act_min ? a->act_min : (v > a->act_max ? a->act_max : v);
        a->output[idx] = (int8_t)y;
        if (v > a->act_min && v <= a->act_max) a->mask[idx >> 3] |= (uint8_t)(1u << (idx & 7));
      }
}
