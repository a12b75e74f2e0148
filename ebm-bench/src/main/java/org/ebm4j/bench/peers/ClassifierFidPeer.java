package org.ebm4j.bench.peers;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.ebm4j.api.random.RandomKey;
import org.ebm4j.api.sampling.SamplingDriver;
import org.ebm4j.bench.quality.SampleQuality;
import org.ebm4j.bench.training.Component;
import org.ebm4j.bench.training.TrainingRun;
import org.ebm4j.bench.training.TrainingSpec;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Sample quality at equal training: both stacks train the conv EBM by the recipe for one epoch on the same MNIST
 * slice, generate digits by 256 Langevin steps from noise, and both sample sets are scored by ebm4j's classifier-FID
 * and inception score (the PyTorch samples are read from the IDX file {@code torch_conv_ebm.py train} writes).
 */
public final class ClassifierFidPeer implements PeerComparison {

    @Override
    public List<PeerRow> compare(PeerContext context) throws Exception {
        context.baselines().require("torch_conv_ebm.py", "torch", "python3-torch");
        int limit = context.quick() ? 512 : 2048;
        int samples = context.quick() ? 200 : 500;
        var torchDir = context.work().resolve("torch-train");
        List<JsonNode> out = context.baselines().run("torch_conv_ebm.py", 7200, torchDir, "train", "--epochs", "1",
                "--limit", Integer.toString(limit), "--n-samples", Integer.toString(samples), "--threads",
                Integer.toString(context.threads()), "--data", context.data().toString(), "--out", torchDir.toString());
        String impl = out.get(out.size() - 1).path("impl").asText("pytorch");

        TrainingRun run = TrainingRun.assemble(context.registry(), TrainingSpec.recipe(1).withDataset(
                Component.of("mnist").with("dir", context.data().toString()).with("limit", limit)));
        run.trainer().train();
        INDArray start = Nd4j.rand(RandomKey.of(5).nd4jRandom(), samples, 1, 28, 28).castTo(DataType.FLOAT)
                .muli(2).subi(1);
        INDArray ours = SamplingDriver.run(run.sampler(), start, 256, RandomKey.of(6)).finalState().position();

        SampleQuality quality = SampleQuality.againstMnistTest(context.registry(), context.data(), line -> { });
        SampleQuality.Score a = quality.score(ours);
        SampleQuality.Score b = quality.score(SampleQuality.readSamples(torchDir.resolve("samples-idx3-ubyte")));
        String what = " of " + samples + " samples after 1 epoch on " + limit + " images";
        return List.of(new PeerRow("classifier-fid", "classifier-FID" + what, a.fid(), b.fid(), impl, true),
                new PeerRow("classifier-fid", "inception score" + what, a.inceptionScore(), b.inceptionScore(), impl,
                        false));
    }

    @Override
    public String description() {
        return "classifier-FID of conv-EBM samples after equal training vs torch_conv_ebm.py train";
    }
}
