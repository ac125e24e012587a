using System.CommandLine;

namespace EdgeWatch.Worker.Cli;

/// <summary>The root of the command line: one sub-command per job.</summary>
internal static class EdgeWatchCommand
{
    public static RootCommand Create()
    {
        var root = new RootCommand("EdgeWatch: object detection on cameras with Intel NCS2 sticks or the CPU, results on MQTT.")
        {
            DetectCommand.Create(),
            ModelsCommand.Create(),
            BenchRawCommand.Create(),
            RunCommand.Create(),
            ConfigCommand.Create(),
            BenchPipelineCommand.Create(),
            DevicesCommand.Create(),
            BenchCommand.Create(),
            EvalCommand.Create(),
        };
        return root;
    }
}
