package org.ebm4j.bench.environment;

import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What ND4J runs on: backend, native variant, SIMD level of the binary and of the CPU, oneDNN, threads. Printed by
 * {@code ebm info} and recorded in every benchmark result.
 *
 * @param backend "CPU" or "CUDA"
 * @param variant the packaged native classifier (for example linux-x86_64-onednn-avx2)
 * @param binaryLevel SIMD level the native binary was built for (libnd4j's coding: 0 generic, 1 AVX, 2 AVX2,
 *     3 AVX-512; -1 if unknown)
 * @param optimalLevel best SIMD level this CPU supports, same coding
 * @param oneDnn whether the binary has oneDNN
 * @param threads OpenMP threads ND4J uses
 * @param cores processors the JVM sees
 * @param blas BLAS vendor
 */
public record BackendInfo(String backend, String variant, int binaryLevel, int optimalLevel, boolean oneDnn,
                          int threads, int cores, String blas) {

    /** Reads the running backend (loads ND4J if needed). */
    public static BackendInfo current() {
        Properties env = Nd4j.getExecutioner().getEnvironmentInformation();
        String buildInfo = Nd4j.getBackend().buildInfo();
        Object nativeOps = nativeOps();
        int binary = callInt(nativeOps, "binaryLevel");
        int optimal = callInt(nativeOps, "optimalLevel");
        int threads = callInt(nativeOps, "ompGetMaxThreads");
        return new BackendInfo(
                String.valueOf(env.getOrDefault("backend", Nd4j.getBackend().getClass().getSimpleName())),
                NativePlatform.buildProperties().getProperty("nd4j.classifier", "unknown"),
                binary, optimal, buildInfo.contains("HAVE_ONEDNN"),
                threads > 0 ? threads : Nd4j.getEnvironment().maxThreads(),
                Runtime.getRuntime().availableProcessors(),
                String.valueOf(env.getOrDefault("blas.vendor", "unknown")));
    }

    /**
     * Sizes ND4J's thread pools (its own and OpenMP's, which oneDNN and BLAS use) for this JVM, e.g. to the cores a
     * Spark task was given, so that concurrent work in one JVM does not oversubscribe the machine.
     *
     * @param threads at least 1
     */
    public static void useThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads = " + threads + "; expected >= 1");
        }
        Nd4j.getEnvironment().setMaxThreads(threads);
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        Object nativeOps = nativeOps();
        if (nativeOps != null) {
            try {
                Class.forName("org.nd4j.nativeblas.NativeOps").getMethod("setOmpNumThreads", int.class)
                        .invoke(nativeOps, threads);
            } catch (ReflectiveOperationException | RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(BackendInfo.class).debug("setOmpNumThreads failed", e);
            }
        }
    }

    /** @return "generic", "AVX", "AVX2", "AVX-512" or "unknown". */
    public static String levelName(int level) {
        return switch (level) {
            case 0 -> "generic";
            case 1 -> "AVX";
            case 2 -> "AVX2";
            case 3 -> "AVX-512";
            default -> "unknown";
        };
    }

    /** @return the fields as an ordered map (for reports and provenance). */
    public Map<String, String> asMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("backend", backend);
        m.put("variant", variant);
        m.put("binary_simd", levelName(binaryLevel));
        m.put("cpu_simd", levelName(optimalLevel));
        m.put("onednn", Boolean.toString(oneDnn));
        m.put("threads", Integer.toString(threads));
        m.put("cores", Integer.toString(cores));
        m.put("blas", blas);
        return m;
    }

    // The native ops live in nd4j-native-api, a runtime dependency; reflection keeps this class backend-neutral.
    private static Object nativeOps() {
        try {
            Class<?> holder = Class.forName("org.nd4j.nativeblas.NativeOpsHolder");
            Object instance = holder.getMethod("getInstance").invoke(null);
            return holder.getMethod("getDeviceNativeOps").invoke(instance);
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }

    private static int callInt(Object target, String method) {
        if (target == null) {
            return -1;
        }
        try {
            // Through the public interface: the JavaCPP implementation class itself is not accessible.
            Method m = Class.forName("org.nd4j.nativeblas.NativeOps").getMethod(method);
            return ((Number) m.invoke(target)).intValue();
        } catch (ReflectiveOperationException | RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(BackendInfo.class).debug("native ops call {} failed", method, e);
            return -1;
        }
    }
}
