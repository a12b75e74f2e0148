package org.ebm4j.sampling.contract;

import static org.assertj.core.api.Assertions.assertThat;

import org.ebm4j.api.random.RandomKey;
import org.ebm4j.api.sampling.SamplerState;
import org.ebm4j.api.sampling.SamplingDriver;
import org.ebm4j.api.sampling.SamplingKernel;
import org.ebm4j.api.sampling.SamplingResult;
import org.ebm4j.sampling.analytic.CorrelatedGaussianEnergy;
import org.ebm4j.sampling.diagnostics.AcceptanceSummary;
import org.ebm4j.sampling.diagnostics.ChainDiagnostics;
import org.ebm4j.sampling.diagnostics.ChainRecorder;
import org.ebm4j.sampling.init.UniformInitializer;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Statistical check shared through the test-jar: a kernel targeting a {@link CorrelatedGaussianEnergy} recovers the
 * exact mean and covariance, each of E[x₁], E[x₂], E[x₁²], E[x₂²], E[x₁x₂] within {@code k} Monte Carlo standard
 * errors, where the MCSE comes from the multi-chain ESS of that quantity's draws (Vehtari et al. 2021). Chains start
 * from U(−3, 3)², far wider than the target.
 */
public final class GaussianMomentCheck {

    private GaussianMomentCheck() {
    }

    /** @return the acceptance after burn-in, for further checks. */
    public static AcceptanceSummary assertRecoversMoments(SamplingKernel<SamplerState> kernel,
                                                          CorrelatedGaussianEnergy target, int chains, int burnIn,
                                                          int draws, double k, long seed) {
        RandomKey key = RandomKey.of(seed);
        var start = new UniformInitializer(-3, 3, DataType.DOUBLE).initialize(chains, new long[] {2}, key.fold("init"));
        ChainRecorder recorder = new ChainRecorder(chains, burnIn + draws, burnIn, 2);
        SamplingResult<SamplerState> result = SamplingDriver.run(kernel, kernel.init(start), burnIn + draws,
                key.fold("run"), false, recorder);
        double[][][] x = recorder.draws();
        double[] mean = target.mean();
        double[][] cov = target.covariance();
        double[][] x1 = x[0];
        double[][] x2 = x[1];
        check("E[x1]", x1, mean[0], k);
        check("E[x2]", x2, mean[1], k);
        check("E[x1^2]", product(x1, x1), cov[0][0] + mean[0] * mean[0], k);
        check("E[x2^2]", product(x2, x2), cov[1][1] + mean[1] * mean[1], k);
        check("E[x1 x2]", product(x1, x2), cov[0][1] + mean[0] * mean[1], k);
        return AcceptanceSummary.of(result.infos(), burnIn);
    }

    private static void check(String what, double[][] draws, double exact, double k) {
        double estimate = ChainDiagnostics.mean(draws);
        double mcse = ChainDiagnostics.mcseMean(draws);
        assertThat(Math.abs(estimate - exact)).as("%s = %s, exact %s, MCSE %s", what, estimate, exact, mcse)
                .isLessThan(k * mcse);
    }

    private static double[][] product(double[][] a, double[][] b) {
        double[][] out = new double[a.length][a[0].length];
        for (int m = 0; m < a.length; m++) {
            for (int t = 0; t < a[m].length; t++) {
                out[m][t] = a[m][t] * b[m][t];
            }
        }
        return out;
    }
}
