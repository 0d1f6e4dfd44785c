/* Tools/bench/c/conv_bwd.c — the golden conv2d input gradient (conv2dInputGrad) in plain C:
 * the compiled-C baseline of Tools/bench/kernels.sh, not a product kernel. */
#include "fqt_kernels.h"

__attribute__((section(".text.entry")))
void fqt_conv_bwd(const fqt_conv_bwd_args *a) {
  const uint32_t ic = a->in_c, oc = a->out_c;
  for (uint32_t j = 0; j < a->in_h * a->in_w * ic; j++) a->grad_input[j] = 0;
  for (uint32_t oh = 0; oh < a->out_h; oh++)
    for (uint32_t ow = 0; ow < a->out_w; ow++)
      for (uint32_t kh = 0; kh < a->k_h; kh++) {
        int32_t ih = (int32_t)(oh * a->stride_h + kh) - (int32_t)a->pad_h;
        if (ih < 0 || ih >= (int32_t)a->in_h) continue;
        for (uint32_t kw = 0; kw < a->k_w; kw++) {
          int32_t iw = (int32_t)(ow * a->stride_w + kw) - (int32_t)a->pad_w;
          if (iw < 0 || iw >= (int32_t)a->in_w) continue;
          int32_t *g = a->grad_input + ((uint32_t)ih * a->in_w + (uint32_t)iw) * ic;
          const int8_t *e = a->error + (oh * a->out_w + ow) * oc;
          for (uint32_t o = 0; o < oc; o++) {
            if (a->active && !((a->active[o >> 3] >> (o & 7)) & 1)) continue;
            const int8_t *w = a->weights + ((o * a->k_h + kh) * a->k_w + kw) * ic;
            int32_t eo = e[o];
            for (uint32_t i = 0; i < ic; i++) g[i] += w[i] * eo;
          }
        }
      }
}
