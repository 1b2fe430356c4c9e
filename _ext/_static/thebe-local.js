// "Código ao vivo" sem CDN e em português.
//
// O sphinx-thebe 0.3.1 baixaria o Thebe 0.8.2 do unpkg.com no clique do botão.
// Aqui o Thebe vem do próprio site (_static/thebe/, copiado do npm por
// scripts/vendor_thebe.py) e as mensagens do botão ficam em português. O que
// continua saindo do site é só o que o botão promete: a conexão com o
// mybinder.org, que dá o kernel.
(() => {
  const base = document.currentScript.src.replace(/thebe-local\.js(\?.*)?$/, "thebe/");
  const ESTADOS = {
    building: "montando o ambiente",
    built: "ambiente montado",
    launching: "iniciando o servidor",
    "server-ready": "servidor pronto",
    starting: "iniciando o kernel",
    ready: "pronto",
    failed: "falhou (confira a conexão ou tente o Binder)",
  };

  const botao = () => document.querySelector(".thebe-launch-button");
  const mostrar = (texto) => {
    const b = botao();
    if (b) b.innerText = texto;
  };

  const ligar = () => {
    let anterior;
    thebelab.on("status", (evento, dados) => {
      const estado = (dados && dados.status) || "";
      const falhou = /error|fail|dead/.test(estado);
      mostrar(`Código ao vivo pelo mybinder.org: ${ESTADOS[estado] || (falhou ? ESTADOS.failed : estado)}`);
      const b = botao();
      if (b) b.classList.replace(`thebe-status-${anterior}`, `thebe-status-${estado}`);
      anterior = estado;
      if (estado === "ready") {
        // Células marcadas para rodar assim que o kernel fica pronto.
        document.querySelectorAll(".thebe-init, .tag_thebe-init").forEach((celula) => {
          const rodar = celula.querySelector(".thebelab-run-button, .thebe-run-button");
          if (rodar) rodar.click();
        });
      }
    });
    modifyDOMForThebe(); // de sphinx-thebe.js: as células viram células do Thebe
    thebelab.bootstrap();
  };

  const iniciar = () => {
    if (typeof thebelab !== "undefined") {
      ligar();
      return;
    }
    mostrar("Carregando o código ao vivo…");
    const estilo = document.createElement("link");
    estilo.rel = "stylesheet";
    estilo.href = base + "thebe.css";
    document.head.appendChild(estilo);
    const script = document.createElement("script");
    script.src = base + "index.js";
    script.addEventListener("load", ligar);
    script.addEventListener("error", () => mostrar("Não foi possível carregar o código ao vivo."));
    document.head.appendChild(script);
  };

  // O sphinx-thebe.js chega com "async" e define o seu initThebe (o do botão):
  // depois do "load", todos os scripts já rodaram e o nosso fica por último.
  window.addEventListener("load", () => {
    window.initThebe = iniciar;
  });
})();
