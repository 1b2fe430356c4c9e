// Frases dos plugins do tema que não passam pelo catálogo de tradução.
// Botão de copiar código em português: o sphinx-copybutton não traz o idioma.
// Roda depois do copybutton.js (o Sphinx carrega os arquivos de _static por
// último) e antes de os botões serem criados (no DOMContentLoaded).
if (typeof messages !== "undefined" && typeof locale !== "undefined") {
  messages["pt-BR"] = {
    copy: "Copiar",
    copy_to_clipboard: "Copiar para a área de transferência",
    copy_success: "Copiado!",
    copy_failure: "Não foi possível copiar",
  };
  if (document.documentElement.lang === "pt-BR") {
    const en = messages.en;
    locale = "pt-BR";
    iconCopy = iconCopy.replace(en.copy_to_clipboard, messages[locale].copy_to_clipboard);
    iconCheck = iconCheck.replace(en.copy_success, messages[locale].copy_success);
  }
}

// O sphinx-togglebutton cria os botões das soluções com o rótulo fixo
// "Toggle hidden content" (o que o leitor de tela lê). Ele os cria no
// DOMContentLoaded, antes deste (os arquivos de _static vêm por último).
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("button.toggle-button").forEach((botao) => {
    botao.setAttribute("aria-label", "Mostrar ou ocultar o conteúdo");
  });
});

// No celular, o sumário e as seções da página abrem numa janela (<dialog>) por cima
// do texto. Um link para uma seção da mesma página rola o texto por trás, mas a
// janela continuava aberta, cobrindo a seção escolhida: agora ela se fecha.
document.addEventListener("click", (evento) => {
  const link = evento.target.closest("dialog[open] a[href]");
  if (!link) return;
  const janela = link.closest("dialog");
  if (janela.matches(".bd-sidebar-primary, .bd-sidebar-secondary")) janela.close();
});
