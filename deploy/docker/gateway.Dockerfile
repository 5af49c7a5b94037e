# Build: docker build -f deploy/docker/gateway.Dockerfile -t gogobe/gateway .
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/Gateway -c Release -o /app --nologo \
 && dotnet publish src/Cli -c Release -o /cli --nologo

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
# The command-line tool, for minting tokens next to the gateway (dotnet /cli/gogobe.dll token --role operator).
COPY --from=build /cli /cli
# Tier-1 compilation starts counting calls at once (ADR 0009) and a method is promoted after 2 calls, so an idle
# gateway does not compile for minutes what its timers call now and then (ADR 0013).
ENV DOTNET_TC_CallCountingDelayMs=0 \
    DOTNET_TC_CallCountThreshold=2 \
    Urls=http://0.0.0.0:8080
EXPOSE 8080
ENTRYPOINT ["dotnet", "Gogobe.Gateway.dll"]
