using Gogobe.StreamBench;

return await StreamRun.RunAsync(args);
