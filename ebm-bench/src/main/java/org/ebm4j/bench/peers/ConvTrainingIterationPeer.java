package org.ebm4j.bench.peers;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.ebm4j.api.training.IterationReport;
import org.ebm4j.api.training.TrainingContext;
import org.ebm4j.api.training.TrainingListener;
import org.ebm4j.bench.training.Component;
import org.ebm4j.bench.training.TrainingRun;
import org.ebm4j.bench.training.TrainingSpec;

/**
 * Seconds per CD training iteration of the recipe (batch 128, 60 Langevin steps from the replay buffer, Adam step) of
 * {@code ebm train}'s defaults against {@code torch_conv_ebm.py time}. The first ebm4j iteration (graph construction)
 * is not counted, as the peer's warm-up iteration is not.
 */
public final class ConvTrainingIterationPeer implements PeerComparison {

    @Override
    public List<PeerRow> compare(PeerContext context) throws Exception {
        context.baselines().require("torch_conv_ebm.py", "torch", "python3-torch");
        int iterations = context.quick() ? 2 : 5;
        List<JsonNode> torch = context.baselines().run("torch_conv_ebm.py", 3600, context.work().resolve("torch"),
                "time", "--threads", Integer.toString(context.threads()), "--iters", Integer.toString(iterations));
        JsonNode t = torch.get(torch.size() - 1);
        TrainingSpec spec = TrainingSpec.recipe(1).withDataset(Component.of("mnist")
                .with("dir", context.data().toString()).with("limit", 128 * (iterations + 1)));
        TrainingRun run = TrainingRun.assemble(context.registry(), spec);
        List<Double> seconds = new ArrayList<>();
        run.trainer().addListener(new TrainingListener() {
            @Override
            public void onIteration(TrainingContext c, IterationReport report) {
                seconds.add(report.metrics().getOrDefault("seconds", Double.NaN));
            }
        });
        run.trainer().train();
        double ours = seconds.subList(1, seconds.size()).stream().mapToDouble(Double::doubleValue).average()
                .orElseThrow();
        return List.of(new PeerRow("conv-training-iteration", "seconds per CD training iteration (batch 128, 60 steps)",
                ours, t.path("seconds_per_iter").asDouble(), t.path("impl").asText("pytorch"), true));
    }

    @Override
    public String description() {
        return "CD training iteration of the conv EBM vs torch_conv_ebm.py time";
    }
}
