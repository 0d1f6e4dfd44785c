/* Tools/bench/c/conv_wgrad.c — the golden conv2d weight and bias gradients (conv2dWeightGrad,
 * biasGrad) in plain C: the compiled-C baseline of Tools/bench/kernels.sh, not a product kernel. */
#include "fqt_kernels.h"

__attribute__((section(".text.entry")))
void fqt_conv_wgrad(const fqt_conv_wgrad_args *a) {
  const uint32_t ic = a->in_c, oc = a->out_c, kh_n = a->k_h, kw_n = a->k_w;
  const uint32_t wsz = kh_n * kw_n * ic;
  for (uint32_t j = 0; j < oc * wsz; j++) a->grad_weights[j] = 0;
  if (a->grad_bias)
    for (uint32_t o = 0; o < oc; o++) a->grad_bias[o] = 0;
  for (uint32_t oh = 0; oh < a->out_h; oh++)
    for (uint32_t ow = 0; ow < a->out_w; ow++) {
      const int8_t *e = a->error + (oh * a->out_w + ow) * oc;
      for (uint32_t o = 0; o < oc; o++) {
        if (a->active && !((a->active[o >> 3] >> (o & 7)) & 1)) continue;
        int32_t eo = e[o];
        if (a->grad_bias) a->grad_bias[o] += eo;
        for (uint32_t kh = 0; kh < kh_n; kh++) {
          int32_t ih = (int32_t)(oh * a->stride_h + kh) - (int32_t)a->pad_h;
          if (ih < 0 || ih >= (int32_t)a->in_h) continue;
          for (uint32_t kw = 0; kw < kw_n; kw++) {
            int32_t iw = (int32_t)(ow * a->stride_w + kw) - (int32_t)a->pad_w;
            if (iw < 0 || iw >= (int32_t)a->in_w) continue;
            const int8_t *x = a->input + ((uint32_t)ih * a->in_w + (uint32_t)iw) * ic;
            int32_t *g = a->grad_weights + o * wsz + (kh * kw_n + kw) * ic;
            for (uint32_t i = 0; i < ic; i++) g[i] += eo * (x[i] - a->input_zp);
          }
        }
      }
    }
}
